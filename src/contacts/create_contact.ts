// Create Contact: a new contact, its email checked and its phone stored in E.164 (with its
// extension). Also the "create" half of Find Contact's find-or-create. A person Studio has
// already (same email, else phone, and same name) is not created twice: see createContactOnce.
import { defineCreate, defineInputFields, type ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { callApiDetailed } from '../api/client.js';
import { isStudioError } from '../api/errors.js';
import { idempotencyKey } from '../api/idempotency.js';
import { parseInput } from '../api/input.js';
import { displayName, foldFullName, normalizeEmail, phoneText, samePhone, storedPhone } from '../domain/contact-match.js';
import { contactOutput, contactOutputFields, contactSample } from './contact-output.js';
import { contactLookups, studioCountryLoader } from './lookup.js';
import {
  contactDetailFields,
  contactDetailInputs,
  OptionalEmail,
  OptionalPhoneText,
  OptionalText,
  personFields,
  phoneInE164OrFail,
} from './person-input.js';
import { Contact, type ContactCreate } from '../contract/contacts.js';

const inputFields = defineInputFields([
  { ...personFields.first_name, required: true },
  { ...personFields.last_name },
  { ...personFields.email },
  {
    ...personFields.phone,
    helpText: `${personFields.phone.helpText} Stored in international (E.164) form, e.g. \`+447700900123\`, an extension as \`+442079460018;ext=12\`.`,
  },
  ...contactDetailFields,
]);

const CreateContactInput = zod.object({
  first_name: zod.preprocess((v) => (typeof v === 'string' ? v.trim() : v), zod.string().min(1, 'is required').max(100)),
  last_name: OptionalText(100),
  email: OptionalEmail,
  phone: OptionalPhoneText,
  ...contactDetailInputs,
});
type CreateContactInput = zod.output<typeof CreateContactInput>;

/** The body as sent: names tidied, email lower-cased, phone in E.164 (the country asked only if needed). */
export async function contactCreateBody(
  z: ZObject,
  person: CreateContactInput,
  defaultCountry: () => Promise<string | null>,
): Promise<ContactCreate & { last_name: string; email: string | null; phone: string | null }> {
  const tidy = (name: string | undefined) => (name ?? '').replace(/\s+/g, ' ').trim();
  const phone =
    person.phone === undefined ? null : phoneInE164OrFail(z, person.phone, person.phone.startsWith('+') ? null : await defaultCountry());
  return { first_name: tidy(person.first_name), last_name: tidy(person.last_name), email: normalizeEmail(person.email), phone };
}

/** POST /v1/contacts; `created` is false when the API answered a replay of the same key. No key: always a new contact. */
export async function postContact(z: ZObject, body: ContactCreate, key: string | null): Promise<{ contact: Contact; created: boolean }> {
  const response = await callApiDetailed(z, Contact, {
    method: 'POST',
    path: '/v1/contacts',
    body,
    idempotencyKey: key ?? undefined,
    describe: 'contact',
  });
  return { contact: response.data, created: !response.replayed };
}

/** The parts of a new contact its identity is made of. */
type NewContactBody = { first_name: string; last_name?: string; email?: string | null; phone?: string | null };

/**
 * The Idempotency-Key of a new contact: the person's identity, the same whichever step creates
 * them (Create Contact, Find Contact's create, Import Order, an order from another app), so
 * runs creating one person at once converge on one contact. The identity is the email (as
 * compared) and the name (folded), else the phone (with its extension) and the name. A name
 * alone cannot tell two people apart (two clients named Emma Harper), so it has no key.
 */
export function createContactKey(body: NewContactBody): string | null {
  const name = foldFullName(body.first_name, body.last_name) ?? '';
  const email = normalizeEmail(body.email);
  if (email !== null) return idempotencyKey('contact', 'email', email, name);
  if (body.phone) return idempotencyKey('contact', 'phone', body.phone, name);
  return null;
}

/** The contact Studio already has for this identity (same email, else same phone; same name), the earliest; null if none. */
export async function contactWithIdentity(
  z: ZObject,
  body: NewContactBody,
  country: () => Promise<string | null>,
): Promise<Contact | null> {
  const email = normalizeEmail(body.email);
  const phone = body.phone ? storedPhone(body.phone) : null;
  if (email === null && phone === null) return null;
  const lookups = contactLookups(z, country);
  const named = displayName({ first_name: body.first_name, last_name: body.last_name ?? '' }) || null;
  const listed = email !== null ? await lookups.byEmail(email, named) : await lookups.byPhone(phoneText(phone!), named);
  const name = foldFullName(body.first_name, body.last_name);
  const same = listed.filter(
    (contact) =>
      foldFullName(contact.first_name, contact.last_name) === name &&
      (email !== null
        ? normalizeEmail(contact.email) === email
        : storedPhone(contact.phone) !== null && samePhone(storedPhone(contact.phone)!, phone!)),
  );
  return same.sort((a, b) => a.created_at.localeCompare(b.created_at))[0] ?? null;
}

/**
 * Creates the contact once, for good: an identity Studio has already (a replay a day or a
 * month later, when the key is long forgotten) is answered with that contact, and runs
 * creating one identity at once share a key, so one creates and the others get its contact
 * (the API replays it, or, for another body under the key, it is looked up). `lookFirst`:
 * false when the caller has just looked and found nobody (a match that found no one).
 */
export async function createContactOnce(
  z: ZObject,
  body: ContactCreate & NewContactBody,
  country: () => Promise<string | null>,
  lookFirst = true,
): Promise<{ contact: Contact; created: boolean }> {
  const key = createContactKey(body);
  if (key !== null && lookFirst) {
    const existing = await contactWithIdentity(z, body, country);
    if (existing) return { contact: existing, created: false };
  }
  try {
    return await postContact(z, body, key);
  } catch (error) {
    if (key === null || !isStudioError(error, 'idempotency_key_reused')) throw error;
    const existing = await contactWithIdentity(z, body, country);
    if (existing) return { contact: existing, created: false };
    throw error;
  }
}

export default defineCreate({
  key: 'create_contact',
  noun: 'Contact',
  display: {
    label: 'Create Contact',
    description: 'Creates a contact with address and notes; someone already on record (same email or phone and name) is returned instead.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = parseInput(z, CreateContactInput, bundle.inputData, inputFields);
      const country = studioCountryLoader(z);
      const { street, city, region, postal_code, country: countryName, notes } = input;
      const body = { ...(await contactCreateBody(z, input, country)), street, city, region, postal_code, country: countryName, notes };
      // The same person again (a retry, a replay months later, a twin run): the contact they have.
      const { contact } = await createContactOnce(z, body, country);
      return contactOutput(contact);
    },
    sample: contactSample,
    outputFields: [...contactOutputFields],
  },
});
