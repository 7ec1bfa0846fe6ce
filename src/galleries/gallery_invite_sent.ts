// Gallery Invite Sent: the gallery's main client was invited to view it (usually when it goes
// online): the moment to follow up by text or to move the job on. Instant (REST hook); the
// event embeds the gallery, so an item costs no request. Optional gallery filter.
import { defineTrigger } from 'zapier-platform-core';
import type { EventOf } from '../hooks/rest-hook.js';
import { galleryContextFields, galleryContextOutputFields } from './gallery-output.js';
import { galleryPerson, galleryPersonHook, galleryPersonOutputFields } from './gallery-person.js';
import { sampleGalleryInviteSentEvent } from './samples.js';

export function galleryInviteItem(event: EventOf<'gallery.invite_sent'>) {
  const { gallery, ...invite } = event.data;
  return {
    // Each invite is its own record: inviting the client again fires again.
    id: invite.id,
    client: galleryPerson(invite),
    sent_at: invite.sent_at,
    ...galleryContextFields(invite.gallery_id, gallery),
  };
}

export default defineTrigger({
  key: 'gallery_invite_sent',
  noun: 'Invite',
  display: {
    label: 'Gallery Invite Sent',
    description: 'Triggers when the main client is invited to view a gallery, including each time they are invited again.',
  },
  operation: {
    ...galleryPersonHook({
      event: 'gallery.invite_sent',
      label: 'Gallery Invite Sent',
      galleryHelpText: 'Only invites to this gallery. Leave empty for invites to every gallery.',
      item: galleryInviteItem,
    }),
    sample: galleryInviteItem(sampleGalleryInviteSentEvent),
    outputFields: [
      { key: 'id', label: 'Invite ID', type: 'string' },
      ...galleryPersonOutputFields('client__', 'Client'),
      { key: 'sent_at', label: 'Sent At', type: 'datetime' },
      ...galleryContextOutputFields,
    ],
  },
});
