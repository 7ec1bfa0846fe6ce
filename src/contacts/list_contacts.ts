// Hidden trigger behind every Contact dropdown (contactIdField): "First Last (email)".
import { defineTrigger } from 'zapier-platform-core';
import { dropdownPage } from '../api/dropdown-page.js';
import { sampleContact } from './samples.js';
import { Contact } from '../contract/contacts.js';

export function contactChoice(contact: Contact) {
  const name = `${contact.first_name} ${contact.last_name}`.trim() || '(no name)';
  return { id: contact.id, name: contact.email ? `${name} (${contact.email})` : name };
}

export default defineTrigger({
  key: 'list_contacts',
  noun: 'Contact',
  display: { label: 'New Contact', description: 'Triggers when a contact is created. Used to fill the Contact dropdown.', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) =>
      (await dropdownPage(z, bundle, Contact, { path: '/v1/contacts', describe: 'list of contacts' })).map(contactChoice),
    sample: contactChoice(sampleContact),
    outputFields: [
      { key: 'id', label: 'Contact ID', type: 'string' },
      { key: 'name', label: 'Contact (Name and Email)', type: 'string' },
    ],
  },
});
