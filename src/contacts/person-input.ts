// The person fields Find Contact and Create Contact share (same keys, so Zapier's
// "create if not found" carries the search's values over), and their validation.
import type { ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { blankToUndefined } from '../api/input.js';
import { Email } from '../contract/primitives.js';
import { phoneText, readPhone } from '../domain/contact-match.js';
import { brief, studioError } from '../api/errors.js';

export const personFields = {
  email: {
    key: 'email',
    label: 'Email',
    type: 'string',
    helpText: 'For example `emma.stone@example.com`. Compared without regard to case or surrounding spaces.',
  },
  phone: {
    key: 'phone',
    label: 'Phone',
    type: 'string',
    helpText:
      'With or without the country code, e.g. `+44 7700 900123` or `07700 900123`, and an extension if any (`020 7946 0018 ext. 12`). Numbers without a country code are read as numbers of your studio’s country.',
  },
  first_name: { key: 'first_name', label: 'First Name', type: 'string' },
  last_name: { key: 'last_name', label: 'Last Name', type: 'string' },
} as const;

const trimmed = (value: unknown) => (typeof value === 'string' ? blankToUndefined(value.trim()) : blankToUndefined(value));

/** An optional text field: trimmed, blank → absent. */
export const OptionalText = (max: number) => zod.preprocess(trimmed, zod.string().max(max, `must be at most ${max} characters`).optional());

/** An optional email, checked as the contract checks one (internationalised addresses pass). */
export const OptionalEmail = zod.preprocess(trimmed, Email.max(254).optional());

/** Characters a typed phone number has: digits, spaces, + ( ) . - / and an optional extension. */
export const OptionalPhoneText = zod.preprocess(
  trimmed,
  zod
    .string()
    .regex(
      /^\+?[\d\s().\-/]*\d[\d\s().\-/]*(?:\s*(?:;\s*ext=|extension|ext\.?|x|#)\s*\d+)?$/i,
      'must be a phone number such as "+44 7700 900123"',
    )
    .optional(),
);

/**
 * The phone as Studio stores it: E.164, with an extension after ";ext=" ("020 7946 0018 ext. 12"
 * is "+442079460018;ext=12", a line of its own), or a clear error naming the country national
 * numbers were read with (a US number typed without +1 in a GB studio is not a GB number).
 */
export function phoneInE164OrFail(z: ZObject, phone: string, country: string | null): string {
  const read = readPhone(phone, country);
  if (read !== null) return phoneText(read);
  const how = phone.startsWith('+') ? '' : ` as a number in ${country ?? 'your studio’s country'}`;
  const why = phone.startsWith('+')
    ? 'it has too few or too many digits'
    : `it has too few or too many digits, or is not a ${country ?? 'local'} number written as one`;
  throw studioError(
    z,
    `Phone: “${brief(phone, 40)}” could not be read${how}; ${why}. ` +
      'Write it with its country code, e.g. "+44 7700 900123" or "+1 415 555 0132", or leave it empty. Nothing was changed.',
    'invalid_input',
  );
}

/** The address and notes fields Create Contact and Update Contact share (the contact's own keys). */
export const contactDetailFields = [
  {
    key: 'street',
    label: 'Street Address',
    type: 'string',
    helpText: 'The street and house number, e.g. `14 Rosebery Avenue`; several lines may be given on separate lines.',
  },
  { key: 'city', label: 'City', type: 'string', helpText: 'E.g. `London`.' },
  { key: 'region', label: 'State, County or Region', type: 'string', helpText: 'E.g. `Greater London` or `CA`.' },
  { key: 'postal_code', label: 'Postal Code', type: 'string', helpText: 'The postcode or ZIP code, e.g. `EC1R 4TD`.' },
  { key: 'country', label: 'Country', type: 'string', helpText: 'E.g. `GB` or `United Kingdom`, as your other apps write it.' },
  { key: 'notes', label: 'Notes', type: 'text', helpText: 'Anything the studio wants to remember about the contact.' },
] as const;

/** The address and notes as a step reads them: trimmed, blank → absent. */
export const contactDetailInputs = {
  street: OptionalText(300),
  city: OptionalText(100),
  region: OptionalText(100),
  postal_code: OptionalText(20),
  country: OptionalText(100),
  notes: zod.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    zod.string().max(5000, 'must be at most 5000 characters').optional(),
  ),
};
