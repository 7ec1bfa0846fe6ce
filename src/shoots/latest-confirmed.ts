// "The client's most recent confirmed shoot on or before a moment": the lookup Find Latest
// Confirmed Shoot and Import Order share. One request; the API's answer is re-checked.
import type { ZObject } from 'zapier-platform-core';
import { listPage } from '../api/client.js';
import { Shoot, type ShootStatus } from '../contract/shoots.js';

/** Shoots that count as booked work; enquiries and cancelled shoots never do. */
export const COUNTING_STATUSES: readonly ShootStatus[] = ['confirmed', 'completed'];

/** True when `shoot` is the contact's, counts, and starts on or before `onOrBefore`. */
export function countsAsLatestShoot(shoot: Shoot, contactId: string, onOrBefore: string): boolean {
  return (
    shoot.contact_id === contactId && COUNTING_STATUSES.includes(shoot.status) && Date.parse(shoot.starts_at) <= Date.parse(onOrBefore)
  );
}

/** The latest counting shoot of the contact starting on or before `onOrBefore` (ISO 8601), or null. */
export async function latestConfirmedShoot(z: ZObject, contactId: string, onOrBefore: string): Promise<Shoot | null> {
  // The API lists newest first (starts_at DESC) with `before` inclusive, so one item is enough.
  const page = await listPage(z, Shoot, {
    path: '/v1/shoots',
    query: { contact_id: contactId, status: COUNTING_STATUSES.join(','), before: onOrBefore },
    limit: 1,
    describe: 'list of shoots',
    everyRecord: true,
  });
  const counting = page.data.filter((shoot) => countsAsLatestShoot(shoot, contactId, onOrBefore));
  return counting.reduce<Shoot | null>(
    (latest, shoot) => (latest === null || Date.parse(shoot.starts_at) > Date.parse(latest.starts_at) ? shoot : latest),
    null,
  );
}
