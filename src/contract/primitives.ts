// Building blocks shared by every resource schema of Studio API v1.
import * as z from 'zod';
import { isCurrency } from './currency.js';

/** Opaque resource id, e.g. "con_8f2k1". */
export const Id = z.string().min(1).max(64);

/** Integer amount in the currency's minor unit (pence, cents, yen, fils). */
export const MinorUnits = z.number().int().safe();
export const NonNegativeMinorUnits = MinorUnits.nonnegative();

/** ISO 4217 alphabetic code of an active currency. */
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as "GBP"')
  .refine(isCurrency, { message: 'is not an ISO 4217 currency code' });

/**
 * Tax rate as a decimal string of percent, e.g. "20", "7.25", "0". Never a float. At most four
 * decimals; 100 is the highest rate ("100", "100.0" … "100.0000"), so "100.5" is refused.
 */
export const TaxRate = z
  .string()
  .regex(/^(?:100(?:\.0{1,4})?|\d{1,2}(?:\.\d{1,4})?)$/, 'must be a percentage from 0 to 100 as a decimal string such as "20" or "7.25"');

/** ISO 8601 timestamp with offset, as the API writes them ("2026-05-01T10:00:00Z"). */
export const Timestamp = z.iso.datetime({ offset: true });

/** Calendar date "YYYY-MM-DD". */
export const CalendarDate = z.iso.date();

/** ISO 3166-1 alpha-2 country code, e.g. "GB". */
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 country code such as "GB"');

// An email address as real mail systems accept it (RFC 5321, and RFC 6531 for internationalised
// addresses), not the narrower ASCII shape most validators check: the contract must never be
// stricter than real data, or one client's address stops every list it appears in.
// - local part: any printable characters but "@" and white space, UTF-8 included: RFC 5322
//   atext (& ' + / = ? ^ ` { | } ~ ! # $ % *), "josé", and the dots some mail providers allow
//   anywhere ("taro..yamada", "hanako.");
// - domain: two or more labels of letters, marks, digits, symbols (emoji domains) and inner
//   hyphens in any script, so U-labels ("bücher.de") and their punycode ("xn--p1ai") both
//   pass; or an address literal ("[192.0.2.1]", "[IPv6:2001:db8::1]").
// Refused: no "@" or several, white space or control characters, an empty local part, an
// empty label (".example.com", "example..com", "example.com."), a single-label domain.
const EMAIL_LOCAL_PART = String.raw`[^@\s\p{Z}\p{Cc}\p{Cs}]+`;
const EMAIL_LABEL_CHAR = String.raw`[\p{L}\p{M}\p{N}\p{So}\u200C\u200D]`;
const EMAIL_LABEL = `${EMAIL_LABEL_CHAR}(?:[-${EMAIL_LABEL_CHAR.slice(1, -1)}]*${EMAIL_LABEL_CHAR})?`;
const EMAIL_ADDRESS_LITERAL = String.raw`\[[^\s\p{Cc}\[\]\\]+\]`;
export const EMAIL_PATTERN = new RegExp(`^${EMAIL_LOCAL_PART}@(?:${EMAIL_LABEL}(?:\\.${EMAIL_LABEL})+|${EMAIL_ADDRESS_LITERAL})$`, 'u');

export const Email = z.string().regex(EMAIL_PATTERN, 'must be an email address such as "emma.stone@example.com"');

/** A page of a list endpoint: newest first, keyset pagination through next_cursor. */
export function Page<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), next_cursor: z.string().nullable() });
}
export type PageOf<T> = { data: T[]; next_cursor: string | null };

/** The error envelope every non-2xx response of the API carries. */
export const ApiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z
      .union([z.array(z.object({ field: z.string(), message: z.string() })), z.record(z.string(), z.unknown())])
      .optional()
      .nullable(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** Body of a 204 or of endpoints that return nothing useful. */
export const Empty = z.unknown();
