// Who a gallery is shown to, from outside the CRM: visitors who register (with their email)
// to view it, and invites of its main client. Both happen in the gallery platform, so the
// sandbox simulates them (POST /_sandbox/galleries/:id/visitors and …/invites, world/simulation.ts)
// through the functions here, which a test or a console can call the same way; each fires its
// event (gallery.visitor_registered, gallery.invite_sent) with the gallery embedded.
import * as z from 'zod';
import { Email, Timestamp } from '../../src/contract/primitives.js';
import type { GalleryInvite, GalleryVisitor } from '../../src/contract/galleries.js';
import type { SandboxContext } from '../context.js';
import { ApiError, invalidField } from '../errors.js';
import { publishEvent, type StoredEvent } from '../events/events.js';
import { getGallery } from '../store/galleries.js';
import { normaliseTimestamp, nowIso } from '../store/ids.js';
import { transaction } from '../store/sqlite.js';
import { parseBody } from '../api/validation.js';

import { contactName, insertInvite, insertVisitor, visitorByEmail } from '../store/visitors.js';

const Name = z.string().trim().min(1).max(100).nullable().optional();

/** POST /_sandbox/galleries/:id/visitors: what the visitor typed on the gallery's sign-in page. */
export const VisitorRegistration = z.strictObject({ email: Email, first_name: Name, last_name: Name, registered_at: Timestamp.optional() });
/** POST /_sandbox/galleries/:id/invites: by default the gallery's client email, named as the studio's contact with it. */
export const InviteRequest = z.strictObject({ email: Email.optional(), first_name: Name, last_name: Name, sent_at: Timestamp.optional() });

const at = (timestamp: string | undefined) => (timestamp ? (normaliseTimestamp(timestamp) ?? nowIso()) : nowIso());

/**
 * Someone registers to view an online gallery. An email registers once per gallery: the same
 * email again (any letter case) is the same visitor, answered with `registered: false` and no
 * event.
 */
export function registerVisitor(
  ctx: SandboxContext,
  studioId: string,
  galleryId: string,
  body: unknown,
): { visitor: GalleryVisitor; registered: boolean; event: StoredEvent | null } {
  const input = parseBody(VisitorRegistration, body);
  const result = transaction(ctx.db, () => {
    const gallery = getGallery(ctx.db, studioId, galleryId);
    if (gallery.status !== 'online') {
      throw new ApiError(
        409,
        'gallery_offline',
        `Gallery ${galleryId} is offline, so nobody can open it to register. Publish it first (POST /_sandbox/galleries/${galleryId}/publish).`,
      );
    }
    const existing = visitorByEmail(ctx.db, studioId, galleryId, input.email);
    if (existing) return { visitor: existing, registered: false };
    const visitor = insertVisitor(ctx.db, studioId, {
      gallery_id: galleryId,
      email: input.email,
      first_name: input.first_name ?? null,
      last_name: input.last_name ?? null,
      registered_at: at(input.registered_at),
    });
    return { visitor, registered: true };
  });
  return { ...result, event: result.registered ? publishEvent(ctx, studioId, 'gallery.visitor_registered', result.visitor) : null };
}

/**
 * The gallery's main client is invited to view it: at the gallery's client email unless
 * another is given, named as given or as the studio's contact with that email. Every invite
 * is its own record and event (inviting again fires again).
 */
export function sendInvite(
  ctx: SandboxContext,
  studioId: string,
  galleryId: string,
  body: unknown,
): { invite: GalleryInvite; event: StoredEvent } {
  const input = parseBody(InviteRequest, body ?? {});
  const invite = transaction(ctx.db, () => {
    const gallery = getGallery(ctx.db, studioId, galleryId);
    const email = input.email ?? gallery.client_email;
    if (!email) throw invalidField('email', `is required: gallery ${galleryId} has no client email to invite`);
    const known = contactName(ctx.db, studioId, email);
    return insertInvite(ctx.db, studioId, {
      gallery_id: galleryId,
      email,
      first_name: input.first_name ?? known.first_name,
      last_name: input.last_name ?? known.last_name,
      sent_at: at(input.sent_at),
    });
  });
  return { invite, event: publishEvent(ctx, studioId, 'gallery.invite_sent', invite) };
}
