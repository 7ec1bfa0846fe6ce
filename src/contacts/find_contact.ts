// Find Contact: the one contact that fits the email, else the phone, else the name.
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import * as zod from 'zod';
import { parseInput } from '../api/input.js';
import type { ContactMatch, MatchedBy } from '../domain/contact-match.js';
import { matchClientToContact, ambiguousContactError, either, keysThatWouldTellApart, studioCountryLoader } from './lookup.js';
import { contactOutput, contactOutputFields, contactSample } from './contact-output.js';
import { OptionalEmail, OptionalPhoneText, OptionalText, personFields, phoneInE164OrFail } from './person-input.js';
import type { Contact } from '../contract/contacts.js';

const inputFields = defineInputFields([
  { ...personFields.email, helpText: `Looked up first. ${personFields.email.helpText}` },
  {
    ...personFields.phone,
    helpText:
      'Looked up when no contact has the email (a contact with another email is never matched by phone), and tells apart contacts sharing the email. ' +
      personFields.phone.helpText,
  },
  {
    ...personFields.first_name,
    helpText:
      'With Last Name, tells apart contacts sharing the email or phone (a contact whose name is another is never matched by its email or phone), and is looked up alone only when neither Email nor Phone is filled in. Case, accents, apostrophes and extra spaces are ignored.',
  },
  { ...personFields.last_name },
]);

const FindContactInput = zod
  .object({ email: OptionalEmail, phone: OptionalPhoneText, first_name: OptionalText(100), last_name: OptionalText(100) })
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    message: 'Fill in at least one of Email, Phone, First Name or Last Name to look a contact up by',
  });
type FindContactInput = zod.output<typeof FindContactInput>;

const FIELD_OF: Record<MatchedBy, string> = { email: 'Email', phone: 'Phone', name: 'First Name and Last Name' };

/**
 * How to resolve an ambiguous match, each way one that would: a field of this step left empty
 * in which every candidate differs (so any one's value rules the others out), or a change in
 * Studio after which the values this step was given fit one contact only.
 */
export function howToChoose(match: ContactMatch<Contact>, input: FindContactInput): string {
  if (match.differing.length > 0) {
    return `To decide, run this step again after you give that contact the email address ${input.email} in Studio if it is the same person, or create this client’s contact (Create Contact) if not.`;
  }
  const filled: MatchedBy[] = [];
  if (input.email !== undefined) filled.push('email');
  if (input.phone !== undefined) filled.push('phone');
  if (input.first_name !== undefined || input.last_name !== undefined) filled.push('name');
  const apart = keysThatWouldTellApart(match, filled);
  const ways: string[] = [];
  if (apart.length > 0) ways.push(`fill in ${either(apart.map((key) => FIELD_OF[key]))} here (each has a different one)`);
  if (match.ambiguous_by === 'email')
    ways.push(`give the others their own email addresses in Studio, leaving ${input.email} to this client`);
  else if (input.email !== undefined) ways.push(`give the right one the email address ${input.email} in Studio`);
  else if (!apart.includes('email')) ways.push('give each of them their own email address in Studio and fill in Email here');
  ways.push('remove the duplicate in Studio if they are one person entered twice');
  return `To choose, run this step again after you ${ways.join('; or ')}.`;
}

export default defineSearch({
  key: 'find_contact',
  noun: 'Contact',
  display: {
    label: 'Find Contact',
    description: 'Finds a contact by email, then phone, then name. Stops with the candidates listed when several fit equally.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = parseInput(z, FindContactInput, bundle.inputData, inputFields);
      const country = studioCountryLoader(z);
      const match = await matchClientToContact(z, input, country);
      // Ambiguous: an empty result would make "create if not found" add yet another
      // duplicate, and picking one would be a guess, so the step stops and lists them.
      if (match.ambiguous) {
        throw ambiguousContactError(z, match, howToChoose(match, input));
      }
      if (match.contact)
        return [{ ...contactOutput(match.contact), matched_by: match.matched_by, narrowed_by: match.narrowed_by.join(',') }];
      if (input.phone !== undefined && match.unreadable.includes('phone')) {
        phoneInE164OrFail(z, input.phone, input.phone.startsWith('+') ? null : await country());
      }
      return [];
    },
    sample: { ...contactSample, matched_by: 'email', narrowed_by: '' },
    outputFields: [
      ...contactOutputFields,
      { key: 'matched_by', label: 'Matched By (email, phone or name)', type: 'string' },
      { key: 'narrowed_by', label: 'Told Apart By (phone or name, when several contacts share the email or phone)', type: 'string' },
    ],
  },
});
