// The person a gallery event is about (a visitor who registered, the client who was invited),
// shown the same way by New Gallery Visitor and Gallery Invite Sent, whose REST hooks differ
// only in the event and the item.
import { defineInputFields, type PlainOutputField } from 'zapier-platform-core';
import type { GalleryInvite, GalleryVisitor } from '../contract/galleries.js';
import { displayName } from '../domain/contact-match.js';
import { restHook, type EventOf } from '../hooks/rest-hook.js';
import { GalleryFilter, galleryFilterField, inGallery } from './fields.js';

export function galleryPerson(person: Pick<GalleryVisitor | GalleryInvite, 'email' | 'first_name' | 'last_name'>) {
  return {
    email: person.email,
    first_name: person.first_name,
    last_name: person.last_name,
    // Empty when the gallery asked for no name.
    name: displayName(person),
  };
}

/** The fields of galleryPerson under `prefix`, labelled "<who> Email" and so on. */
export function galleryPersonOutputFields(prefix: string, who: string): PlainOutputField[] {
  return [
    { key: `${prefix}email`, label: `${who} Email`, type: 'string' },
    { key: `${prefix}first_name`, label: `${who} First Name`, type: 'string' },
    { key: `${prefix}last_name`, label: `${who} Last Name`, type: 'string' },
    { key: `${prefix}name`, label: `${who} Full Name`, type: 'string' },
  ];
}

/**
 * The operation parts of a trigger about a person in a gallery: its REST hook and its one
 * option (one gallery, or all), with items made from the event alone.
 */
type PersonEventType = 'gallery.visitor_registered' | 'gallery.invite_sent';

export function galleryPersonHook<T extends PersonEventType, Item extends { id: string }>(spec: {
  event: T;
  label: string;
  galleryHelpText: string;
  item: (event: EventOf<T>) => Item;
}) {
  const inputFields = defineInputFields([galleryFilterField(false, spec.galleryHelpText)]);
  return {
    ...restHook({
      event: spec.event,
      label: spec.label,
      options: GalleryFilter,
      inputFields,
      // Both events' data name their gallery (TypeScript cannot see it through the generic T).
      matches: (event, options) => inGallery((event as EventOf<PersonEventType>).data.gallery_id, options),
      toItem: (_z, event) => spec.item(event),
    }),
    inputFields,
  };
}
