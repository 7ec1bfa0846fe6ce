// Who a gallery is shown to, as stored: visitors who registered to view it and invites of its
// main client (world/visitors.ts simulates both, as they happen in the gallery platform).
import type { GalleryInvite, GalleryVisitor } from '../../src/contract/galleries.js';
import { normalizeEmail } from '../../src/domain/contact-match.js';
import { newId } from './ids.js';
import { prepared, type DatabaseSync } from './sqlite.js';

export function insertVisitor(db: DatabaseSync, studioId: string, visitor: Omit<GalleryVisitor, 'id'> & { id?: string }): GalleryVisitor {
  const row: GalleryVisitor = { ...visitor, id: visitor.id ?? newId('vis') };
  prepared(
    db,
    'INSERT INTO gallery_visitors (studio_id, id, gallery_id, email, email_key, first_name, last_name, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(studioId, row.id, row.gallery_id, row.email, normalizeEmail(row.email), row.first_name, row.last_name, row.registered_at);
  return row;
}

export function insertInvite(db: DatabaseSync, studioId: string, invite: Omit<GalleryInvite, 'id'> & { id?: string }): GalleryInvite {
  const row: GalleryInvite = { ...invite, id: invite.id ?? newId('ginv') };
  prepared(
    db,
    'INSERT INTO gallery_invites (studio_id, id, gallery_id, email, first_name, last_name, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(studioId, row.id, row.gallery_id, row.email, row.first_name, row.last_name, row.sent_at);
  return row;
}

export function visitorByEmail(db: DatabaseSync, studioId: string, galleryId: string, email: string): GalleryVisitor | null {
  return (
    (prepared(
      db,
      'SELECT id, gallery_id, email, first_name, last_name, registered_at FROM gallery_visitors WHERE studio_id = ? AND gallery_id = ? AND email_key = ?',
    ).get(studioId, galleryId, normalizeEmail(email)) as GalleryVisitor | undefined) ?? null
  );
}

/** The name of the studio's (oldest) contact with this email, if any. */
export function contactName(db: DatabaseSync, studioId: string, email: string): { first_name: string | null; last_name: string | null } {
  const row = prepared(
    db,
    'SELECT first_name, last_name FROM contacts WHERE studio_id = ? AND email_key = ? ORDER BY created_at, seq LIMIT 1',
  ).get(studioId, normalizeEmail(email)) as { first_name: string; last_name: string } | undefined;
  return { first_name: row?.first_name || null, last_name: row?.last_name || null };
}
