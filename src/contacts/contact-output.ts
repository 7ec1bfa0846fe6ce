// How a contact appears in the output of Find Contact, Create Contact and Import Order.
import { displayName } from '../domain/contact-match.js';
import { sampleContact } from './samples.js';
import type { Contact } from '../contract/contacts.js';

export function contactOutput(contact: Contact) {
  // Address and notes always present (null when none), whether or not the API sent them.
  return {
    ...contact,
    street: contact.street ?? null,
    city: contact.city ?? null,
    region: contact.region ?? null,
    postal_code: contact.postal_code ?? null,
    country: contact.country ?? null,
    notes: contact.notes ?? null,
    name: displayName(contact),
  };
}
export type ContactOutput = ReturnType<typeof contactOutput>;

export const contactSample: ContactOutput = contactOutput(sampleContact);

/**
 * A contact shown inside another item (a job's client, an import's contact): every field but
 * its id, which the item carries once as `contact_id` (or its job's `contact_id`).
 */
export function embeddedContactOutput(contact: Contact) {
  const { id: _id, ...rest } = contactOutput(contact);
  return rest;
}

export const contactOutputFields = [
  { key: 'id', label: 'Contact ID', type: 'string' },
  { key: 'name', label: 'Full Name', type: 'string' },
  { key: 'first_name', label: 'First Name', type: 'string' },
  { key: 'last_name', label: 'Last Name', type: 'string' },
  { key: 'email', label: 'Email', type: 'string' },
  { key: 'phone', label: 'Phone (E.164)', type: 'string' },
  { key: 'street', label: 'Street Address', type: 'string' },
  { key: 'city', label: 'City', type: 'string' },
  { key: 'region', label: 'State, County or Region', type: 'string' },
  { key: 'postal_code', label: 'Postal Code', type: 'string' },
  { key: 'country', label: 'Country', type: 'string' },
  { key: 'notes', label: 'Notes', type: 'string' },
  { key: 'created_at', label: 'Created At', type: 'datetime' },
] as const;

/** The fields of embeddedContactOutput (to be put under `contact__`). */
export const embeddedContactOutputFields = contactOutputFields.filter((field) => field.key !== 'id');
