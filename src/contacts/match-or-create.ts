// The contact an order's client belongs to: matched by the rules (email, phone, name), or
// created when none fits. Replay-safe at any distance: a rerun matches the contact the first
// run made (by its email, else its phone, and its name), and the create's key is the client's
// identity, the same key every step creating this person sends, so runs at once make one.
import type { ZObject } from 'zapier-platform-core';
import { displayName, normalizeEmail, phoneNeedsCountry, phoneText, readPhone, type MatchedBy } from '../domain/contact-match.js';
import type { Order } from '../contract/orders.js';
import { createContactOnce } from './create_contact.js';
import { ambiguousContactError, matchClientToContact, studioCountryLoader } from './lookup.js';
import type { Contact, ContactCreate } from '../contract/contacts.js';

/** matched: an existing contact fitted; created: a new one was made; reused: a replayed create
 *  answered with the contact an earlier run made; not_found: none fitted and none was made. */
export type ContactOutcome =
  | {
      contact: Contact;
      result: 'matched';
      matched_by: MatchedBy /** what told it apart from others fitting as well */;
      narrowed_by?: MatchedBy[];
    }
  | { contact: Contact; result: 'created' | 'reused'; matched_by: null }
  | { contact: null; result: 'not_found'; matched_by: null };

/** The client of an order, as the order gives it (a Studio order always has an email; another app's may not). */
export interface OrderClientDetails {
  email: string | null;
  first_name: string;
  last_name: string;
  /** As the client typed it; not necessarily E.164. */
  phone: string | null;
}

/** The order whose client is matched: how messages name it, and the step to link a contact by hand (its contact is keyed by the client's identity, not the order). */
export interface ClientOf {
  client: OrderClientDetails;
  /** "Order PT-1042", "Shopify order #1001". */
  label: string;
  /** The step that books the order on a contact chosen by hand. */
  manualStep: string;
}

/** The new contact for an order's client, or null when nothing names them (no name, no email).
 *  A client without a first name gets the last name (or the email) there, since a contact
 *  needs one; a phone that is no number (or not one of the studio's country written as one) is
 *  left out; an extension is kept ("+442079460018;ext=12"). */
async function contactFromClient(client: OrderClientDetails, defaultCountry: () => Promise<string>): Promise<ContactCreate | null> {
  const tidy = (name: string) => name.replace(/\s+/g, ' ').trim();
  const [first, last] = [tidy(client.first_name), tidy(client.last_name)];
  const email = normalizeEmail(client.email);
  const firstName = first || last || email;
  if (!firstName) return null;
  const read = readPhone(client.phone, phoneNeedsCountry(client.phone) ? await defaultCountry() : null);
  return { first_name: firstName, last_name: first ? last : '', email, phone: read && phoneText(read) };
}

/** A Studio order's client, booked by hand with Create Invoices From Order. */
export function studioOrderClient(order: Order): ClientOf {
  return { client: order.client, label: `Order ${order.number}`, manualStep: 'Create Invoices From Order' };
}

export async function matchOrCreateOrderContact(z: ZObject, of: ClientOf, createIfMissing: boolean): Promise<ContactOutcome> {
  const { client } = of;
  const country = studioCountryLoader(z);
  const match = await matchClientToContact(z, client, country);
  if (match.ambiguous) {
    // The order's client details cannot be changed, so the ways out are in Studio, or by hand.
    const whose = `${displayName(client) || 'the client'}’s contact`;
    const fix =
      match.differing.length > 0
        ? `if it is the same person, give that contact the email address ${client.email} in Studio and run this step again`
        : match.ambiguous_by === 'email'
          ? `give the other contacts their own email addresses in Studio, leaving ${client.email} to ${whose}, and run this step again`
          : client.email
            ? `give ${whose} the email address ${client.email} in Studio and run this step again`
            : `give ${whose} a phone number or email address the others do not have, map it into this step, and run it again`;
    throw ambiguousContactError(z, match, `${of.label} was not imported. Choose the contact by hand with ${of.manualStep}, or ${fix}.`);
  }
  if (match.contact) return { contact: match.contact, result: 'matched', matched_by: match.matched_by!, narrowed_by: match.narrowed_by };
  if (!createIfMissing) return { contact: null, result: 'not_found', matched_by: null };
  const body = await contactFromClient(client, country);
  if (!body) return { contact: null, result: 'not_found', matched_by: null };
  // The match just looked this identity up and found no one: create it, under its identity's key.
  const { contact, created } = await createContactOnce(z, body, country, false);
  return { contact, result: created ? 'created' : 'reused', matched_by: null };
}
