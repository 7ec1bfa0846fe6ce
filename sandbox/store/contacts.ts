// Contacts: list with the filters the app matches gallery clients by (email, phone, name, q;
// names folded by the app's own foldName, so the API's search and the matching agree),
// get, create (a contact.created event) and update. The API allows duplicate emails; the
// app's matching (and Update Contact's check) avoids duplicates.
import { type Contact, CONTACT_DETAIL_FIELDS } from '../../src/contract/contacts.js';
import { foldName, normalizeEmail } from '../../src/domain/contact-match.js';
import { newId, nowIso } from './ids.js';
import { oneRow, prepared, type DatabaseSync } from './sqlite.js';
import { keysetPage, type Page, type PageRequest } from './pagination.js';

/** A contact's address and notes, each null when the studio has none. */
type ContactDetails = { [K in (typeof CONTACT_DETAIL_FIELDS)[number]]: string | null };

interface ContactRow extends ContactDetails {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  created_at: string;
}

const CONTACT_COLUMNS = `id, first_name, last_name, email, phone, ${CONTACT_DETAIL_FIELDS.join(', ')}, created_at`;

/** Address and notes as stored: trimmed text, an empty one as none. */
export function details(input: Partial<Record<(typeof CONTACT_DETAIL_FIELDS)[number], string | null | undefined>>): ContactDetails {
  const text = (value: string | null | undefined) => (value === undefined || value === null || value.trim() === '' ? null : value.trim());
  return {
    street: text(input.street),
    city: text(input.city),
    region: text(input.region),
    postal_code: text(input.postal_code),
    country: text(input.country),
    notes: input.notes === undefined || input.notes === null || input.notes.trim() === '' ? null : input.notes,
  };
}

export const contactResource = (row: ContactRow): Contact => ({
  id: row.id,
  first_name: row.first_name,
  last_name: row.last_name,
  email: row.email,
  phone: row.phone,
  street: row.street ?? null,
  city: row.city ?? null,
  region: row.region ?? null,
  postal_code: row.postal_code ?? null,
  country: row.country ?? null,
  notes: row.notes ?? null,
  created_at: row.created_at,
});

export interface NewContact extends Partial<ContactDetails> {
  id?: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  created_at?: string;
}

export function insertContact(db: DatabaseSync, studioId: string, contact: NewContact): Contact {
  const row: ContactRow = {
    id: contact.id ?? newId('con'),
    first_name: contact.first_name,
    last_name: contact.last_name,
    email: contact.email,
    phone: contact.phone,
    ...details(contact),
    created_at: contact.created_at ?? nowIso(),
  };
  prepared(
    db,
    `INSERT INTO contacts (studio_id, id, first_name, last_name, email, phone, email_key, name_key, created_at, ${CONTACT_DETAIL_FIELDS.join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    studioId,
    row.id,
    row.first_name,
    row.last_name,
    row.email,
    row.phone,
    normalizeEmail(row.email),
    foldName(`${row.first_name} ${row.last_name}`),
    row.created_at,
    ...CONTACT_DETAIL_FIELDS.map((field) => row[field]),
  );
  return contactResource(row);
}

export function findContact(db: DatabaseSync, studioId: string, id: string): Contact | null {
  const row = prepared(db, `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE studio_id = ? AND id = ?`).get(studioId, id) as
    | ContactRow
    | undefined;
  return row ? contactResource(row) : null;
}

/** "%text%" for LIKE, with LIKE's own wildcards taken literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** Another contact of the studio with this (normalised) email, by id, or null. */
export function contactWithEmail(db: DatabaseSync, studioId: string, emailKey: string, exceptId: string): string | null {
  const row = oneRow<{ id: string }>(
    prepared(db, 'SELECT id FROM contacts WHERE studio_id = ? AND email_key = ? AND id != ? LIMIT 1'),
    studioId,
    emailKey,
    exceptId,
  );
  return row?.id ?? null;
}

/** Writes a contact's fields (and the keys it is found by) as given. */
export function updateContact(db: DatabaseSync, studioId: string, contact: Contact): void {
  prepared(
    db,
    `UPDATE contacts SET first_name = ?, last_name = ?, email = ?, phone = ?, email_key = ?, name_key = ?, ${CONTACT_DETAIL_FIELDS.map((f) => `${f} = ?`).join(', ')} WHERE studio_id = ? AND id = ?`,
  ).run(
    contact.first_name,
    contact.last_name,
    contact.email,
    contact.phone,
    normalizeEmail(contact.email),
    foldName(`${contact.first_name} ${contact.last_name}`),
    ...CONTACT_DETAIL_FIELDS.map((field) => contact[field] ?? null),
    studioId,
    contact.id,
  );
}

/** What GET /v1/contacts filters by (each one given narrows the list). */
export interface ContactFilter {
  /** Matched by its normalised form. */
  email?: string;
  /** E.164: without an extension it finds every line of the number (the switchboard and its extensions); with one, that extension only. */
  phone?: string;
  /** Matched folded (foldName), whole. */
  name?: string;
  /** Part of the name (folded) or of the email. */
  q?: string;
}

export function listContacts(db: DatabaseSync, studioId: string, filter: ContactFilter, page: PageRequest): Page<Contact> {
  const where = ['studio_id = ?'];
  const params: string[] = [studioId];
  if (filter.email !== undefined) {
    where.push('email_key = ?');
    params.push(normalizeEmail(filter.email) ?? '');
  }
  if (filter.phone !== undefined) {
    if (filter.phone.includes(';')) {
      where.push('phone = ?');
      params.push(filter.phone);
    } else {
      where.push("(phone = ? OR phone LIKE ? ESCAPE '\\')");
      params.push(filter.phone, `${filter.phone};ext=%`);
    }
  }
  if (filter.name !== undefined) {
    where.push('name_key = ?');
    params.push(foldName(filter.name));
  }
  if (filter.q !== undefined) {
    where.push("(name_key LIKE ? ESCAPE '\\' OR email_key LIKE ? ESCAPE '\\')");
    params.push(likePattern(foldName(filter.q)), likePattern(filter.q.trim().toLowerCase()));
  }
  return keysetPage(db, { from: 'contacts', sort: 'created_at', where, params }, page, contactResource);
}
