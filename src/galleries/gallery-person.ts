// The person a gallery event is about (a visitor who registered, the client who was invited),
// shown the same way by New Gallery Visitor and Gallery Invite Sent.
import type { PlainOutputField } from 'zapier-platform-core';
import type { GalleryInvite, GalleryVisitor } from '../contract/galleries.js';
import { displayName } from '../domain/contact-match.js';

export function galleryPerson(person: Pick<GalleryVisitor | GalleryInvite, 'email' | 'first_name' | 'last_name'>) {
  return {
    email: person.email,
    first_name: person.first_name,
    last_name: person.last_name,
    // Empty when the gallery asked for no name.
    full_name: displayName(person),
  };
}

/** The fields of galleryPerson under `prefix`, labelled "<who> Email" and so on. */
export function galleryPersonOutputFields(prefix: string, who: string): PlainOutputField[] {
  return [
    { key: `${prefix}email`, label: `${who} Email`, type: 'string' },
    { key: `${prefix}first_name`, label: `${who} First Name`, type: 'string' },
    { key: `${prefix}last_name`, label: `${who} Last Name`, type: 'string' },
    { key: `${prefix}full_name`, label: `${who} Full Name`, type: 'string' },
  ];
}
