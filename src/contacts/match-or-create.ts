// The contact an order's client belongs to: matched by the rules (email, phone, name), or
// created when none fits. Replay-safe: the create's key is the order and the client's email,
// so a run repeated after a failure halfway gets the same contact back, never a second one.
import type { ZObject } from 'zapier-platform-core';
import { idempotencyKey } from '../api/idempotency.js';
import { displayName, normalizeEmail, normalizePhone, phoneNeedsCountry, type MatchedBy } from '../domain/contact-match.js';
import type { Order, OrderClient } from '../contract/orders.js';
import { postContact } from './create_contact.js';
import { ambiguousContactError, matchClientToContact, studioCountryLoader } from './lookup.js';
import type { Contact, ContactCreate } from '../contract/contacts.js';

/** matched: an existing contact fitted; created: a new one was made; reused: a replayed create
 *  answered with the contact an earlier run made; not_found: none fitted and none was made. */
export type ContactOutcome =
  | { contact: Contact; result: 'matched'; matched_by: MatchedBy; /** what told it apart from others fitting as well */ narrowed_by?: MatchedBy[] }
  | { contact: Contact; result: 'created' | 'reused'; matched_by: null }
  | { contact: null; result: 'not_found'; matched_by: null };

/** The new contact for an order's client. A client without a first name gets the last name
 *  (or the email) there, since a contact needs one; a phone that is no number (or not one of
 *  the studio's country written as one) is left out, and so is one with an extension, which
 *  Studio cannot store: stored without it, it would be the switchboard's number. */
async function contactFromClient(client: OrderClient, defaultCountry: () => Promise<string>): Promise<ContactCreate> {
  const tidy = (name: string) => name.replace(/\s+/g, ' ').trim();
  const [first, last] = [tidy(client.first_name), tidy(client.last_name)];
  const email = normalizeEmail(client.email);
  const phone = normalizePhone(client.phone, phoneNeedsCountry(client.phone) ? await defaultCountry() : null);
  return { first_name: first || last || (email ?? client.email), last_name: first ? last : '', email, phone };
}

export async function matchOrCreateOrderContact(z: ZObject, order: Order, createIfMissing: boolean): Promise<ContactOutcome> {
  const country = studioCountryLoader(z);
  const match = await matchClientToContact(z, order.client, country);
  if (match.ambiguous) {
    // The order's client details cannot be changed, so the ways out are in Studio, or by hand.
    const client = `${displayName(order.client) || 'the client'}’s contact`;
    const fix =
      match.ambiguous_by === 'email'
        ? `give the other contacts their own email addresses in Studio, leaving ${order.client.email} to ${client}, and run this step again`
        : `give ${client} the email address ${order.client.email} in Studio and run this step again`;
    throw ambiguousContactError(
      z,
      match,
      `Order ${order.number} was not imported. Link the right contact by hand: run Create Invoices From Order for this order and choose the contact there, or ${fix}.`,
    );
  }
  if (match.contact) return { contact: match.contact, result: 'matched', matched_by: match.matched_by!, narrowed_by: match.narrowed_by };
  if (!createIfMissing) return { contact: null, result: 'not_found', matched_by: null };
  const body = await contactFromClient(order.client, country);
  const { contact, created } = await postContact(z, body, idempotencyKey('import_order_contact', order.id, normalizeEmail(order.client.email)));
  return { contact, result: created ? 'created' : 'reused', matched_by: null };
}
