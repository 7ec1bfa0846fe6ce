// New Gallery Visitor: someone registered (with their email) to view one of the studio's
// galleries, e.g. a wedding guest: a lead to welcome or add to a mailing list. Instant (REST
// hook); the event embeds the gallery, so an item costs no request. Optional gallery filter.
import { defineTrigger } from 'zapier-platform-core';
import type { EventOf } from '../hooks/rest-hook.js';
import { galleryContextFields, galleryContextOutputFields } from './gallery-output.js';
import { galleryPerson, galleryPersonHook, galleryPersonOutputFields } from './gallery-person.js';
import { sampleGalleryVisitorRegisteredEvent } from './samples.js';

export function galleryVisitorItem(event: EventOf<'gallery.visitor_registered'>) {
  const { gallery, ...visitor } = event.data;
  return {
    id: visitor.id,
    ...galleryPerson(visitor),
    registered_at: visitor.registered_at,
    ...galleryContextFields(visitor.gallery_id, gallery),
  };
}

export default defineTrigger({
  key: 'new_gallery_visitor',
  noun: 'Visitor',
  display: {
    label: 'New Gallery Visitor',
    description: 'Triggers when someone registers with their email to view one of your galleries.',
  },
  operation: {
    ...galleryPersonHook({
      event: 'gallery.visitor_registered',
      label: 'New Gallery Visitor',
      galleryHelpText: 'Only visitors of this gallery. Leave empty for visitors of every gallery.',
      item: galleryVisitorItem,
    }),
    sample: galleryVisitorItem(sampleGalleryVisitorRegisteredEvent),
    outputFields: [
      { key: 'id', label: 'Visitor ID', type: 'string' },
      ...galleryPersonOutputFields('', 'Visitor'),
      { key: 'registered_at', label: 'Registered At', type: 'datetime' },
      ...galleryContextOutputFields,
    ],
  },
});
