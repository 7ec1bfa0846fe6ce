// A realistic contact as GET /v1/contacts/:id returns it. Its ids and email are shared by the
// job, gallery, order and payment samples, so samples tell one consistent story.
import type { Contact } from '../contract/contacts.js';

export const sampleContact = {
  id: 'con_8f2k1Hx4',
  first_name: 'Emma',
  last_name: 'Harper',
  email: 'emma.harper@example.com',
  phone: '+447700900123',
  created_at: '2026-01-14T09:30:00Z',
} satisfies Contact;
