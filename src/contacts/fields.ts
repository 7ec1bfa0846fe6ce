// The Contact field, declared once and reused by every operation that takes a contact. Its
// search connector lets a Zap builder fill it with a Find Contact step right in the field.
export function contactIdField<R extends boolean>(required: R, helpText: string) {
  return {
    key: 'contact_id',
    label: 'Contact',
    type: 'string',
    required,
    dynamic: 'list_contacts.id.name',
    search: 'find_contact.id',
    helpText,
  } as const;
}
