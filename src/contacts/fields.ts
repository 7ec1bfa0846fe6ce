// The Contact field, declared once and reused by every operation that takes a contact.
export function contactIdField<R extends boolean>(required: R, helpText: string) {
  return {
    key: 'contact_id',
    label: 'Contact',
    type: 'string',
    required,
    dynamic: 'list_contacts.id.name',
    helpText,
  } as const;
}
