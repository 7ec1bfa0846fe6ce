// Create Contact: a new contact, its email checked and its phone stored in E.164. Also the
// "create" half of Find Contact's find-or-create.
import { defineCreate, defineInputFields, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { callApiDetailed } from '../api/client.js';
import { idempotencyKey } from '../api/idempotency.js';
import { parseInput } from '../api/input.js';
import { normalizeEmail } from '../domain/contact-match.js';
import { contactOutput, contactOutputFields, contactSample } from './contact-output.js';
import { studioCountryLoader } from './lookup.js';
import { OptionalEmail, OptionalPhoneText, OptionalText, personFields, phoneInE164OrFail } from './person-input.js';
import { Contact, type ContactCreate } from '../contract/contacts.js';

const inputFields = defineInputFields([
  { ...personFields.first_name, required: true },
  { ...personFields.last_name },
  { ...personFields.email },
  { ...personFields.phone, helpText: `${personFields.phone.helpText} Stored in international (E.164) form, e.g. \`+447700900123\`.` },
]);

const CreateContactInput = zod.object({
  first_name: zod.preprocess((v) => (typeof v === 'string' ? v.trim() : v), zod.string().min(1, 'is required').max(100)),
  last_name: OptionalText(100),
  email: OptionalEmail,
  phone: OptionalPhoneText,
});
type CreateContactInput = zod.output<typeof CreateContactInput>;

/** The body as sent: names tidied, email lower-cased, phone in E.164 (the country asked only if needed). */
export async function contactCreateBody(
  z: ZObject,
  person: CreateContactInput,
  defaultCountry: () => Promise<string | null>,
): Promise<ContactCreate & { last_name: string; email: string | null; phone: string | null }> {
  const tidy = (name: string | undefined) => (name ?? '').replace(/\s+/g, ' ').trim();
  const phone = person.phone === undefined ? null : phoneInE164OrFail(z, person.phone, person.phone.startsWith('+') ? null : await defaultCountry());
  return { first_name: tidy(person.first_name), last_name: tidy(person.last_name), email: normalizeEmail(person.email), phone };
}

/** POST /v1/contacts; `created` is false when the API answered a replay of the same key. No key: always a new contact. */
export async function postContact(z: ZObject, body: ContactCreate, key: string | null): Promise<{ contact: Contact; created: boolean }> {
  const response = await callApiDetailed(z, Contact, { method: 'POST', path: '/v1/contacts', body, idempotencyKey: key ?? undefined, describe: 'contact' });
  return { contact: response.data, created: !response.replayed };
}

/**
 * The Idempotency-Key of a Create Contact: the person, as the API will store them. A replay
 * with the same key within the key's lifetime (24 hours) gets the first contact back, so it
 * must only ever be the same person: someone with the same name and the same email or phone.
 * A name alone cannot tell two people apart (two clients named Emma Harper), and the bundle
 * has nothing naming the Zap run or step (bundle.meta.zap.id, deprecated, names the Zap, which
 * creates many people), so with only a name there is no key: a retried request may make a
 * second contact, which a person can merge, but never hands back someone else.
 */
export function createContactKey(body: { first_name: string; last_name: string; email: string | null; phone: string | null }): string | null {
  if (body.email === null && body.phone === null) return null;
  return idempotencyKey('contact', body.first_name, body.last_name, body.email, body.phone);
}

export default defineCreate({
  key: 'create_contact',
  noun: 'Contact',
  display: {
    label: 'Create Contact',
    description: 'Creates a contact, with the email checked and the phone stored in international form.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = parseInput(z, CreateContactInput, bundle.inputData, inputFields);
      const body = await contactCreateBody(z, input, studioCountryLoader(z));
      // Same person, same key: a retried step (or the same Zap run twice) returns the first contact.
      const { contact } = await postContact(z, body, createContactKey(body));
      return contactOutput(contact);
    },
    sample: contactSample,
    outputFields: [...contactOutputFields],
  },
});
