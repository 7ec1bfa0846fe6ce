// Building blocks shared by every resource schema of Studio API v1.
import { z } from 'zod';
import { isCurrency } from '../domain/currency.js';

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

/** Tax rate as a decimal string of percent, e.g. "20", "7.25", "0". Never a float. */
export const TaxRate = z
  .string()
  .regex(/^(?:100|\d{1,2})(?:\.\d{1,4})?$/, 'must be a percentage as a decimal string such as "20" or "7.25"');

/** ISO 8601 timestamp with offset, as the API writes them ("2026-05-01T10:00:00Z"). */
export const Timestamp = z.iso.datetime({ offset: true });

/** Calendar date "YYYY-MM-DD". */
export const CalendarDate = z.iso.date();

/** ISO 3166-1 alpha-2 country code, e.g. "GB". */
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 country code such as "GB"');

export const Email = z.email();

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
      .union([
        z.array(z.object({ field: z.string(), message: z.string() })),
        z.record(z.string(), z.unknown()),
      ])
      .optional()
      .nullable(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** Body of a 204 or of endpoints that return nothing useful. */
export const Empty = z.unknown();
