// The REST hook machinery every instant trigger shares, written once: subscribe, unsubscribe,
// verify and parse a signed delivery, and list recent events for samples and the polling
// fallback. Deliveries and listed events become Zap items through ONE function per trigger
// (`toItem`), so a sample looks exactly like what a live Zap receives. `toItem` is synchronous:
// an event carries the related records its item shows (EMBEDDED_RECORDS), so a poll is one
// request and a delivery none, however many items. A genuine delivery is never dropped
// silently: one signed with the secret but run late is confirmed through the API.
import type { Bundle, ZObject } from 'zapier-platform-core';
import * as zod from 'zod';
import { callApi, describeIssues, listPage, parseResponse } from '../api/client.js';
import { isNotFoundError, studioError } from '../api/errors.js';
import { parseInput, type LabelledField } from '../api/input.js';
import { Empty, Id, type PageOf } from '../contract/primitives.js';
import {
  HookSubscription,
  readStudioEvent,
  SIGNATURE_HEADER,
  type StudioEvent,
  TIMESTAMP_HEADER,
  WEBHOOK_ID_HEADER,
  type EventType,
  type UnreadableRecord,
} from '../contract/hooks.js';
import { MAX_DELIVERY_AGE_SECONDS, RecentDeliveries, verifyDelivery, type SignatureCheck } from './signature.js';

export type EventOf<T extends EventType> = Extract<StudioEvent, { type: T }>;

/** Items returned when the Zap editor loads samples: a few recent ones, quickly. */
export const SAMPLE_SIZE = 3;
/** Items returned by performList otherwise (the polling fallback). */
export const LIST_SIZE = 25;
/** Events scanned per request, and requests at most, when options filter events out. */
const SCAN_PAGE_SIZE = 100;
const MAX_SCAN_PAGES = 3;

export interface RestHookSpec<T extends EventType, Options, Item extends { id: string }> {
  /** The Studio event the trigger subscribes to. */
  event: T;
  /** The trigger's name, for log lines ("New Order"). */
  label: string;
  /** The trigger's options (bundle.inputData), validated before anything else happens. */
  options: zod.ZodType<Options>;
  /** The trigger's input fields, so a bad option is reported by the label the user sees. */
  inputFields?: readonly LabelledField[];
  /** Whether an event passes the options: the same rule for deliveries and listed events. */
  matches?: (event: EventOf<T>, options: Options) => boolean;
  /** Builds an event's Zap item, the only place items are made; from the event alone (no request). */
  toItem: (z: ZObject, event: EventOf<T>) => Item;
}

interface StoredSubscription {
  id?: string;
  secret?: string;
}

/** A delivery's header, whether Zapier passes it as "Http-Webhook-Signature" or by its plain name. */
export function deliveryHeader(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers ?? {})) {
    const normal = key
      .toLowerCase()
      .replace(/_/g, '-')
      .replace(/^http-/, '');
    if (normal !== wanted) continue;
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' ? first : undefined;
  }
  return undefined;
}

const REJECTION_REASONS: Record<Exclude<SignatureCheck, { ok: true }>['reason'], string> = {
  missing_id: `it has no ${WEBHOOK_ID_HEADER} header`,
  missing_signature: `it has no ${SIGNATURE_HEADER} header`,
  missing_timestamp: `its ${TIMESTAMP_HEADER} header is missing or is not a Unix time`,
  stale_timestamp: `it was signed more than ${MAX_DELIVERY_AGE_SECONDS / 60} minutes before it was run (a delayed or replayed delivery)`,
  bad_signature: 'its signature does not match this Zap’s subscription (a forged or altered delivery)',
};

/** An event as a trigger read it, with the embedded records it came without. */
interface ReadEvent {
  event: StudioEvent;
  unreadable: UnreadableRecord[];
}

/**
 * StudioEvent as a trigger reads it (readStudioEvent), as the schema the list, delivery and
 * confirmation paths all parse with (built once): an embedded record that is missing or
 * unreadable is null, and the event still comes through; `eventOf` logs what it came without.
 */
const EventRecord = zod.unknown().transform((raw, ctx): ReadEvent => {
  const reading = readStudioEvent(raw);
  if (!reading.success) {
    for (const issue of reading.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path, input: raw });
    return zod.NEVER;
  }
  return { event: reading.data, unreadable: reading.unreadable };
});

/** The event read, with one log line per embedded record it came without, naming the event and the field. */
function eventOf(z: ZObject, { event, unreadable }: ReadEvent): StudioEvent {
  for (const { field, error } of unreadable) {
    z.console.log(
      `Studio API: event ${event.id} came without a readable ${field} (${describeIssues(error)}); its item comes without the ${field}'s details.`,
    );
  }
  return event;
}

/**
 * The API's copy of the event a late delivery is about (GET /v1/events/:id, authoritative),
 * or why there is none. Only called for a delivery whose signature matched.
 */
async function confirmedEvent(z: ZObject, body: unknown): Promise<{ event: StudioEvent } | { missing: string }> {
  const id = Id.safeParse(typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined);
  if (!id.success) return { missing: 'it names no event id to confirm it by' };
  try {
    return { event: eventOf(z, await callApi(z, EventRecord, { path: `/v1/events/${encodeURIComponent(id.data)}`, describe: 'event' })) };
  } catch (error) {
    if (isNotFoundError(error)) return { missing: `the Studio API has no event ${JSON.stringify(id.data)} to confirm it` };
    throw error;
  }
}

/** The deliveries this process has handled lately, for every trigger (ids are per subscription). */
const recent = new RecentDeliveries();

export function restHook<T extends EventType, Options, Item extends { id: string }>(spec: RestHookSpec<T, Options, Item>) {
  const readOptions = (z: ZObject, bundle: Bundle): Options => parseInput(z, spec.options, bundle.inputData, spec.inputFields);
  const passes = (event: EventOf<T>, options: Options): boolean => spec.matches?.(event, options) ?? true;
  const ignore = (z: ZObject, why: string): [] => {
    // Says why nothing triggered, never what the secret or the signature was.
    z.console.log(`${spec.label}: ignored a webhook delivery because ${why}.`);
    return [];
  };

  return {
    type: 'hook' as const,

    // No Idempotency-Key: Zapier subscribes again with the same target URL after a Zap is
    // turned off and on, and a replayed answer would hand back the deleted subscription.
    async performSubscribe(z: ZObject, bundle: Bundle) {
      readOptions(z, bundle);
      if (!bundle.targetUrl) {
        throw studioError(z, 'Zapier did not supply a webhook URL to subscribe with. Turn the Zap off and on again.', 'missing_target_url');
      }
      const subscription = await callApi(z, HookSubscription, {
        method: 'POST',
        path: '/v1/hooks',
        body: { target_url: bundle.targetUrl, event: spec.event },
        describe: 'webhook subscription',
      });
      if (!subscription.secret) {
        throw studioError(
          z,
          'Studio created the webhook subscription without a signing secret, so its deliveries could not be verified. ' +
            'Turn the Zap off and on again; if it keeps happening, contact the integration’s support.',
          'missing_hook_secret',
        );
      }
      return subscription; // Zapier keeps it as bundle.subscribeData (id and secret).
    },

    async performUnsubscribe(z: ZObject, bundle: Bundle) {
      const id = (bundle.subscribeData as StoredSubscription | undefined)?.id;
      if (!id) return { removed: false };
      try {
        await callApi(z, Empty, { method: 'DELETE', path: `/v1/hooks/${encodeURIComponent(id)}`, describe: 'webhook removal' });
      } catch (error) {
        // Already gone (removed in Studio, or an earlier unsubscribe that Zapier retried): done.
        if (isNotFoundError(error)) return { id, removed: false };
        throw error;
      }
      return { id, removed: true };
    },

    async perform(z: ZObject, bundle: Bundle): Promise<Item[]> {
      const options = readOptions(z, bundle);
      const secret = (bundle.subscribeData as StoredSubscription | undefined)?.secret;
      if (!secret) return ignore(z, 'this Zap’s subscription has no signing secret (turn the Zap off and on again)');
      const raw = bundle.rawRequest ?? {};
      const rawBody = raw.content ?? '';
      const deliveryId = deliveryHeader(raw.headers, WEBHOOK_ID_HEADER);
      const check = verifyDelivery({
        secret,
        rawBody,
        id: deliveryId,
        signature: deliveryHeader(raw.headers, SIGNATURE_HEADER),
        timestamp: deliveryHeader(raw.headers, TIMESTAMP_HEADER),
      });
      // Forged, altered or unsigned: refused. Signed with the secret but late is not refused:
      // Zapier may run a delivery well after it arrived, and the API says whether it is real.
      if (!check.ok && check.reason !== 'stale_timestamp') return ignore(z, REJECTION_REASONS[check.reason]);
      // A retry of a delivery this process has just turned into items (the same webhook-id):
      // once is enough.
      const subscriptionId = (bundle.subscribeData as StoredSubscription | undefined)?.id ?? secret;
      if (deliveryId && recent.has(subscriptionId, deliveryId))
        return ignore(z, `it repeats delivery ${deliveryId}, which this Zap has just handled`);

      let body: unknown;
      try {
        body = JSON.parse(rawBody);
      } catch {
        return ignore(z, 'its body is not JSON');
      }
      let event: StudioEvent;
      if (check.ok) {
        event = eventOf(z, parseResponse(z, EventRecord, body, 'webhook delivery'));
      } else {
        // A replay of a real delivery can only bring back the real event, never other data:
        // the item is made from the API's copy, not from the delivered body.
        const confirmed = await confirmedEvent(z, body);
        if ('missing' in confirmed) return ignore(z, `${REJECTION_REASONS.stale_timestamp} and ${confirmed.missing}`);
        event = confirmed.event;
        z.console.log(
          `${spec.label}: a webhook delivery signed more than ${MAX_DELIVERY_AGE_SECONDS / 60} minutes before it was run was confirmed through the Studio API (event ${event.id}); its item is made from the API's copy.`,
        );
      }
      if (event.type !== spec.event) return ignore(z, `it is a ${event.type} event, not ${spec.event}`);
      const typed = event as EventOf<T>;
      if (!passes(typed, options)) return [];
      const item = spec.toItem(z, typed);
      if (deliveryId) recent.remember(subscriptionId, deliveryId);
      return [item];
    },

    async performList(z: ZObject, bundle: Bundle): Promise<Item[]> {
      const options = readOptions(z, bundle);
      const wanted = bundle.meta?.isLoadingSample ? SAMPLE_SIZE : LIST_SIZE;
      const filtered = spec.matches !== undefined;
      const matched: Array<EventOf<T>> = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < MAX_SCAN_PAGES && matched.length < wanted; pages += 1) {
        const page: PageOf<ReadEvent> = await listPage(z, EventRecord, {
          path: '/v1/events',
          query: { type: spec.event },
          limit: filtered ? SCAN_PAGE_SIZE : wanted,
          cursor,
          describe: 'list of events',
        });
        for (const read of page.data) {
          const event = eventOf(z, read);
          if (event.type === spec.event && passes(event as EventOf<T>, options)) matched.push(event as EventOf<T>);
        }
        cursor = page.next_cursor;
        if (!cursor || !filtered) break;
      }
      return matched.slice(0, wanted).map((event) => spec.toItem(z, event));
    },
  };
}
