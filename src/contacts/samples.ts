// A realistic contact as GET /v1/contacts/:id returns it. Its ids and email are shared by the
// job, gallery, order and payment samples, so samples tell one consistent story.
import type { Contact } from '../contract/contacts.js';
import type { ContactUpdatedEvent } from '../contract/hooks.js';

export const sampleContact = {
  id: 'con_8f2k1Hx4',
  first_name: 'Emma',
  last_name: 'Harper',
  email: 'emma.harper@example.com',
  phone: '+447700900123',
  street: '14 Rosebery Avenue',
  city: 'London',
  region: 'Greater London',
  postal_code: 'EC1R 4TD',
  country: 'GB',
  notes: 'Prefers email. Wedding at Syon Park, June 2026.',
  created_at: '2026-01-14T09:30:00Z',
} satisfies Contact;

/** The sample contact's contact.updated event: it moved house (city and street changed). */
export const sampleContactUpdatedEvent = {
  id: 'evt_Cu6Hv2Lp8r',
  type: 'contact.updated',
  created_at: '2026-02-03T16:12:09Z',
  data: { ...sampleContact, changed_fields: ['street', 'city'] },
} satisfies ContactUpdatedEvent;
