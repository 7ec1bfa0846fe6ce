import * as z from 'zod';
import { Email, Id, Timestamp } from './primitives.js';

/**
 * A phone in E.164, e.g. "+447700900123", with an extension after ";ext=" as RFC 3966 writes
 * one ("+442079460018;ext=12": extension 12 of a switchboard). A number with an extension is
 * another line than the number without one, and matches only the same extension.
 */
export const ContactPhone = z
  .string()
  .regex(
    /^\+[1-9]\d{6,14}(?:;ext=\d{1,10})?$/,
    'must be in E.164 form such as "+447700900123", with an extension as "+442079460018;ext=12"',
  );
const E164 = ContactPhone;

export const Contact = z.object({
  id: Id,
  first_name: z.string(),
  last_name: z.string(),
  email: Email.nullable(),
  phone: E164.nullable(),
  /**
   * The postal address and the studio's notes, each free text as the studio wrote it. Optional
   * and nullable: an API (or a contact) without them is read as having none.
   */
  street: z.string().nullish(),
  city: z.string().nullish(),
  region: z.string().nullish(),
  postal_code: z.string().nullish(),
  /** As written ("GB", "United Kingdom"); not checked, since real records hold both. */
  country: z.string().nullish(),
  notes: z.string().nullish(),
  created_at: Timestamp,
});
export type Contact = z.infer<typeof Contact>;

/** The address and notes fields of a contact, in the order forms show them. */
export const CONTACT_DETAIL_FIELDS = ['street', 'city', 'region', 'postal_code', 'country', 'notes'] as const;
export type ContactDetailField = (typeof CONTACT_DETAIL_FIELDS)[number];

const firstName = z.string().trim().min(1).max(100);
const lastName = z.string().trim().max(100);
const contactEmail = Email.max(254).nullable().optional();
const contactPhone = E164.nullable().optional();
const addressLine = (max: number) => z.string().trim().max(max).nullable().optional();
/** Address and notes of a create or an update: null (or, on an update, absent) is none / unchanged. */
const contactDetails = {
  street: addressLine(300),
  city: addressLine(100),
  region: addressLine(100),
  postal_code: addressLine(20),
  country: addressLine(100),
  notes: z.string().max(5000).nullable().optional(),
};

/** POST /v1/contacts */
export const ContactCreate = z.object({
  first_name: firstName,
  last_name: lastName.default(''),
  email: contactEmail,
  phone: contactPhone,
  ...contactDetails,
});
export type ContactCreate = z.input<typeof ContactCreate>;

/** PATCH /v1/contacts/:id: only the fields sent change (null clears an email or a phone). */
export const ContactUpdate = z.object({
  first_name: firstName.optional(),
  last_name: lastName.optional(),
  email: contactEmail,
  phone: contactPhone,
  /** Address and notes: only those sent change; null clears one. */
  ...contactDetails,
  /** With an email: refuse it (409 `email_taken`, nothing changed) when another contact has it, checked and written at once. */
  unique_email: z.boolean().optional(),
});
export type ContactUpdate = z.input<typeof ContactUpdate>;
