// Helpers for the trigger tests: the app's operations by key, and webhook deliveries shaped
// the way Zapier hands them to `perform` (raw body + "Http-" Camel-Cased headers).
import zapier from 'zapier-platform-core';
import App from '../../index.js';
import { signDelivery } from '../../src/hooks/signature.js';

export const API = 'https://api.studio.test';
export const SECRET = 'whsec_9c1d6f2a7b3e4058a1c2d3e4f5a6b7c8';

type Operation = (z: never, bundle: never) => unknown;
export interface TriggerOperations {
  perform: Operation;
  performList: Operation;
  performSubscribe: Operation;
  performUnsubscribe: Operation;
}

const appTester = zapier.createAppTester(App);

/** Runs one of the app's operations as Zapier would (middleware, bundle cleaning, logging). */
export function run(operation: Operation, bundle: Record<string, unknown> = {}): Promise<unknown> {
  return appTester(operation as never, bundle as never);
}

/** A trigger's operation functions, to hand to `run`. */
export function operationsOf(key: string): TriggerOperations {
  const trigger = (App.triggers as unknown as Record<string, { operation: TriggerOperations } | undefined>)[key];
  if (!trigger) throw new Error(`no trigger ${key}`);
  return trigger.operation;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export interface DeliveryOptions {
  secret?: string;
  timestamp?: number;
  /** 'zapier': Http-X-Studio-Signature (what Zapier passes); 'plain': X-Studio-Signature. */
  headerStyle?: 'zapier' | 'plain';
  without?: 'signature' | 'timestamp';
  /** Body actually delivered, when it differs from the body that was signed. */
  deliveredBody?: string;
}

/** A signed delivery of `event` as bundle fields: rawRequest (verified) and cleanedRequest. */
export function delivery(event: unknown, options: DeliveryOptions = {}) {
  const body = JSON.stringify(event);
  const timestamp = String(options.timestamp ?? nowSeconds());
  const signature = signDelivery(options.secret ?? SECRET, timestamp, body);
  const prefix = options.headerStyle === 'plain' ? '' : 'Http-';
  const headers: Record<string, string> = { [`${prefix}Content-Type`]: 'application/json' };
  if (options.without !== 'signature') headers[`${prefix}X-Studio-Signature`] = signature;
  if (options.without !== 'timestamp') headers[`${prefix}X-Studio-Timestamp`] = timestamp;
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
