import * as z from 'zod';
import { CountryCode, CurrencyCode, Email, Id } from './primitives.js';

export const Studio = z.object({
  id: Id,
  name: z.string().min(1),
  country: CountryCode,
  currency: CurrencyCode,
  timezone: z.string().min(1),
});
export type Studio = z.infer<typeof Studio>;

export const User = z.object({ id: Id, email: Email, name: z.string() });

/** GET /v1/me: who the token belongs to. */
export const Me = z.object({ studio: Studio, user: User, scopes: z.array(z.string()) });
export type Me = z.infer<typeof Me>;
