// Webhook deliveries shaped the way Zapier hands them to a trigger's `perform` (raw body +
// "Http-" Camel-Cased headers), signed as the Studio API signs them.
import { signDelivery } from '../../src/hooks/signature.js';

export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export interface DeliveryOptions {
  secret?: string;
  timestamp?: number;
  /** 'zapier': Http-Webhook-Signature (what Zapier passes); 'plain': webhook-signature. */
  headerStyle?: 'zapier' | 'plain';
  without?: 'signature' | 'timestamp' | 'id';
  /** The delivery's webhook-id; by default a new one per delivery (a retry would repeat it). */
  id?: string;
  /** Body actually delivered, when it differs from the body that was signed. */
  deliveredBody?: string;
}

let deliveries = 0;

/** A signed delivery of `event` as bundle fields: rawRequest (verified) and cleanedRequest. */
export function delivery(event: unknown, options: DeliveryOptions = {}) {
  const body = JSON.stringify(event);
  const timestamp = String(options.timestamp ?? nowSeconds());
  const id = options.id ?? `msg_test_${++deliveries}`;
  const signature = signDelivery(options.secret ?? SECRET, id, timestamp, body);
  const prefix = options.headerStyle === 'plain' ? '' : 'Http-';
  const name = (header: string) =>
    options.headerStyle === 'plain'
      ? header
      : header.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => `${dash}${c.toUpperCase()}`);
  const headers: Record<string, string> = { [`${prefix}Content-Type`]: 'application/json' };
  if (options.without !== 'id') headers[`${prefix}${name('webhook-id')}`] = id;
  if (options.without !== 'signature') headers[`${prefix}${name('webhook-signature')}`] = signature;
  if (options.without !== 'timestamp') headers[`${prefix}${name('webhook-timestamp')}`] = timestamp;
  const content = options.deliveredBody ?? body;
  return {
    signature,
    bundle: {
      subscribeData: { id: 'hook_Zp1', secret: SECRET },
      rawRequest: { method: 'POST', querystring: '', headers, content },
      cleanedRequest: JSON.parse(content) as unknown,
    },
  };
}
