// /v1/contacts: list, search, get, create, update; each create and change publishes its event.
import type { FastifyInstance } from 'fastify';
import { type Contact, CONTACT_DETAIL_FIELDS, ContactPhone } from '../../src/contract/contacts.js';
import { normalizeEmail } from '../../src/domain/contact-match.js';
import { callerOf, type SandboxContext } from '../context.js';
import { ApiError, invalidField, notFound } from '../errors.js';
import { publishEvent } from '../events/events.js';
import { narrowedBy, planted } from '../planted-bugs.js';
import { pageRequest, queryParam, type Query } from '../store/pagination.js';
import { parseBody, pathParam } from './validation.js';
import { details, insertContact, updateContact, contactWithEmail, findContact } from '../store/contacts.js';
import { ContactCreate, ContactUpdate } from '../../src/contract/contacts.js';
import { strict } from './validation.js';
import { type ContactFilter, listContacts } from '../store/contacts.js';

const ContactCreateStrict = strict(ContactCreate);
const ContactUpdateStrict = strict(ContactUpdate);
/** A contact's fields a PATCH can change, in the order `changed_fields` names them. */
const CHANGEABLE_FIELDS = ['first_name', 'last_name', 'email', 'phone', ...CONTACT_DETAIL_FIELDS] as const;

export function registerContactRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  api.get('/v1/contacts', { config: { scope: 'contacts:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    const query = request.query as Query;
    const filter: ContactFilter = {};
    const email = queryParam(query, 'email');
    if (email !== undefined && email.trim() !== '') filter.email = email;
    const phone = queryParam(query, 'phone');
    if (phone !== undefined && phone.trim() !== '') {
      // planted bug: phone-filter-not-normalised
      const written = planted(ctx, 'phone-filter-not-normalised') ? phone : phone.replace(/[\s().-]/g, '');
      // planted bug: phone-filter-unchecked
      if (!ContactPhone.safeParse(written).success && !planted(ctx, 'phone-filter-unchecked')) {
        throw invalidField(
          'phone',
          'must be a phone number in E.164 form such as "+447700900123", with an extension as "+442079460018;ext=12"',
        );
      }
      filter.phone = written;
    }
    const name = queryParam(query, 'name');
    if (name !== undefined && name.trim() !== '') filter.name = name;
    const q = queryParam(query, 'q');
    if (q !== undefined && q.trim() !== '') filter.q = q;
    const found = listContacts(ctx.db, studioId, filter, pageRequest(query));
    const { phone: asked, name: named } = filter;
    // planted bug: phone-filter-exact
    const exact = asked === undefined ? undefined : (contact: Contact) => contact.phone === asked;
    // planted bug: name-filter-accents-only
    const accentsOnly = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
    const folded =
      named === undefined
        ? undefined
        : (contact: Contact) => accentsOnly(`${contact.first_name} ${contact.last_name}`) === accentsOnly(named);
    return narrowedBy(ctx, 'name-filter-accents-only', narrowedBy(ctx, 'phone-filter-exact', found, exact), folded);
  });

  api.get('/v1/contacts/:id', { config: { scope: 'contacts:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    const id = pathParam(request.params, 'id');
    const contact = findContact(ctx.db, studioId, id);
    if (!contact) throw notFound('contact', id);
    return contact;
  });

  api.post('/v1/contacts', { config: { scope: 'contacts:write' } }, async (request, reply) => {
    const { studioId } = callerOf(request);
    const input = parseBody(ContactCreateStrict, request.body);
    const contact = insertContact(ctx.db, studioId, {
      first_name: input.first_name,
      last_name: input.last_name,
      email: input.email?.trim() ?? null,
      phone: input.phone ?? null,
      ...details(input),
    });
    publishEvent(ctx, studioId, 'contact.created', contact);
    reply.code(201);
    return contact;
  });

  // Only the fields sent change; null clears an email, a phone, an address field or the notes.
  // A change that alters a field is a contact.updated event naming the fields it altered.
  api.patch('/v1/contacts/:id', { config: { scope: 'contacts:write' } }, async (request) => {
    const { studioId } = callerOf(request);
    const id = pathParam(request.params, 'id');
    const contact = findContact(ctx.db, studioId, id);
    if (!contact) throw notFound('contact', id);
    const input = parseBody(ContactUpdateStrict, request.body);
    // Checked and written with no await between: of two updates giving one new email to two
    // contacts at once, one gets it and the other is refused.
    const emailKey = normalizeEmail(input.email);
    // planted bug: unique-email-ignored
    if (input.unique_email === true && emailKey !== null && !planted(ctx, 'unique-email-ignored')) {
      const other = contactWithEmail(ctx.db, studioId, emailKey, id);
      if (other)
        throw new ApiError(409, 'email_taken', `Another contact (${other}) already has the email ${emailKey}. Nothing was changed.`);
    }
    const updated: Contact = {
      ...contact,
      first_name: input.first_name ?? contact.first_name,
      last_name: input.last_name ?? contact.last_name,
      email: input.email === undefined ? contact.email : (input.email?.trim() ?? null),
      phone: input.phone === undefined ? contact.phone : input.phone,
      // planted bug: patch-null-ignored (null read as not sent)
      ...(planted(ctx, 'patch-null-ignored') ? { email: input.email?.trim() ?? contact.email, phone: input.phone ?? contact.phone } : {}),
    };
    const sent = details(input);
    for (const field of CONTACT_DETAIL_FIELDS) {
      if (input[field] !== undefined) updated[field] = sent[field];
    }
    const changed = CHANGEABLE_FIELDS.filter((field) => (contact[field] ?? null) !== (updated[field] ?? null));
    if (changed.length === 0) {
      // planted bug: unchanged-patch-fires-event
      if (planted(ctx, 'unchanged-patch-fires-event')) {
        const sentFields = CHANGEABLE_FIELDS.filter((field) => input[field] !== undefined);
        publishEvent(ctx, studioId, 'contact.updated', { ...contact, changed_fields: sentFields });
      }
      return contact;
    }
    updateContact(ctx.db, studioId, updated);
    // planted bug: changed-fields-everything
    const named = planted(ctx, 'changed-fields-everything') ? [...CHANGEABLE_FIELDS] : changed;
    publishEvent(ctx, studioId, 'contact.updated', { ...updated, changed_fields: named });
    return updated;
  });
}
