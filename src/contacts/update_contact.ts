// Update Contact: changes only the fields given (a blank field leaves its value alone), each
// tidied and checked the way Create Contact does it: names' spaces tidied, email checked and
// lower-cased, phone stored in E.164, address and notes trimmed.
//
// An email another contact already has is refused unless Allow Shared Email says yes. The API
// allows it, but the email is what Find Contact and Import Order tell clients apart by: given
// to a second contact, it turns every later match by it from certain into a guess between two
// (or a stop), so a mapped field that carries the wrong person's address would quietly break
// matching for both. A family sharing one address on purpose says so with the option.
import { defineCreate, defineInputFields, type ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { callApi } from '../api/client.js';
import { brief, haltedError, isStudioError } from '../api/errors.js';
import { parseInput, requiredChoice, yesNoField } from '../api/input.js';
import { Contact, type ContactUpdate } from '../contract/contacts.js';
import { normalizeEmail } from '../domain/contact-match.js';
import { contactOutput, contactOutputFields, contactSample } from './contact-output.js';
import { contactIdField } from './fields.js';
import { contactLookups, contactNotFoundError, describeCandidates, studioCountryLoader } from './lookup.js';
import {
  contactDetailFields,
  contactDetailInputs,
  OptionalEmail,
  OptionalPhoneText,
  OptionalText,
  personFields,
  phoneInE164OrFail,
} from './person-input.js';
import { CONTACT_DETAIL_FIELDS } from '../contract/contacts.js';

const LEFT_ALONE = 'Leave it blank to keep the current value.';

const inputFields = defineInputFields([
  contactIdField(true, 'The contact to update.'),
  { ...personFields.first_name, helpText: LEFT_ALONE },
  { ...personFields.last_name, helpText: LEFT_ALONE },
  { ...personFields.email, helpText: `${personFields.email.helpText} ${LEFT_ALONE}` },
  { ...personFields.phone, helpText: `${personFields.phone.helpText} Stored in international (E.164) form. ${LEFT_ALONE}` },
  ...contactDetailFields.map((field) => ({ ...field, helpText: `${field.helpText} ${LEFT_ALONE}` })),
  {
    key: 'allow_shared_email',
    label: 'Allow Shared Email',
    type: 'boolean',
    required: false,
    default: 'false',
    helpText:
      'No (the default): if another contact already has the email given, nothing is changed and the step stops, naming that contact, since two contacts with one email can no longer be told apart by it. ' +
      'Yes: allow it, e.g. for family members sharing an address.',
  },
]);

const UpdateContactInput = zod.object({
  contact_id: requiredChoice,
  first_name: OptionalText(100),
  last_name: OptionalText(100),
  email: OptionalEmail,
  phone: OptionalPhoneText,
  ...contactDetailInputs,
  allow_shared_email: yesNoField(false),
});
type UpdateContactInput = zod.output<typeof UpdateContactInput>;

const UNCHANGED = 'Nothing was changed.';

/** The PATCH body: only the fields given, tidied as Create Contact tidies them. */
export async function contactUpdateBody(
  z: ZObject,
  input: UpdateContactInput,
  defaultCountry: () => Promise<string | null>,
): Promise<ContactUpdate> {
  const tidy = (name: string) => name.replace(/\s+/g, ' ').trim();
  const body: ContactUpdate = {};
  if (input.first_name !== undefined) body.first_name = tidy(input.first_name);
  if (input.last_name !== undefined) body.last_name = tidy(input.last_name);
  if (input.email !== undefined) body.email = normalizeEmail(input.email);
  if (input.phone !== undefined)
    body.phone = phoneInE164OrFail(z, input.phone, input.phone.startsWith('+') ? null : await defaultCountry());
  for (const field of CONTACT_DETAIL_FIELDS) {
    if (input[field] !== undefined) body[field] = input[field];
  }
  return body;
}

/** The contacts other than `contactId` that have `email` already. */
export function othersWithEmail(candidates: readonly Contact[], contactId: string, email: string): Contact[] {
  return candidates.filter((contact) => contact.id !== contactId && normalizeEmail(contact.email) === email);
}

async function refuseSharedEmail(z: ZObject, contactId: string, email: string, country: () => Promise<string | null>): Promise<void> {
  const others = othersWithEmail(await contactLookups(z, country).byEmail(email, null), contactId, email);
  if (others.length === 0) return;
  // Halted: this run's data clashes with Studio's, the Zap itself is fine.
  throw haltedError(
    z,
    // The advice before the list of contacts, which can be long (Zapier shows 250 characters).
    `${others.length === 1 ? 'Another contact already has' : `${others.length} other contacts already have`} the email ${brief(email, 60)}. ${UNCHANGED} ` +
      'Check the email mapped into this step; if they share the address on purpose (a family), set Allow Shared Email to Yes and run this step again. ' +
      `Two contacts with one email can no longer be told apart by it: ${describeCandidates(others)}.`,
    'email_taken',
  );
}

async function fetchContact(z: ZObject, contactId: string): Promise<Contact> {
  try {
    return await callApi(z, Contact, { path: `/v1/contacts/${encodeURIComponent(contactId)}`, describe: 'contact' });
  } catch (error) {
    if (isStudioError(error, 'not_found')) throw contactNotFoundError(z, contactId, UNCHANGED);
    throw error;
  }
}

export default defineCreate({
  key: 'update_contact',
  noun: 'Contact',
  display: {
    label: 'Update Contact',
    description: 'Updates a contact’s name, email, phone, address or notes; fields left blank keep their values.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = parseInput(z, UpdateContactInput, bundle.inputData, inputFields);
      const country = studioCountryLoader(z);
      const body = await contactUpdateBody(z, input, country);
      // Nothing given: nothing to change, and the contact as it is.
      if (Object.keys(body).length === 0) return contactOutput(await fetchContact(z, input.contact_id));
      const unshared = body.email && !input.allow_shared_email ? body.email : null;
      if (unshared) await refuseSharedEmail(z, input.contact_id, unshared, country);
      try {
        // The check above names the other contact; the API checks again as it writes, so two
        // runs giving one new email to two contacts at once cannot both get it.
        const patch: ContactUpdate = unshared ? { ...body, unique_email: true } : body;
        const contact = await callApi(z, Contact, {
          method: 'PATCH',
          path: `/v1/contacts/${encodeURIComponent(input.contact_id)}`,
          body: patch,
          describe: 'contact',
        });
        return contactOutput(contact);
      } catch (error) {
        if (isStudioError(error, 'not_found')) throw contactNotFoundError(z, input.contact_id, UNCHANGED);
        if (unshared && isStudioError(error, 'email_taken')) await refuseSharedEmail(z, input.contact_id, unshared, country);
        throw error;
      }
    },
    sample: contactSample,
    outputFields: [...contactOutputFields],
  },
});
