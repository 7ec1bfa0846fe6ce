// Helpers for the triggers' integration tests against a real sandbox: Zapier's part of a REST
// hook played by a local receiver (sandbox/world/hook-inbox.ts on 127.0.0.1, port 0), and the
// delivery handed to `perform` the way Zapier hands it over.
import { startHookInbox, type Delivery, type HookInbox } from '../../sandbox/world/hook-inbox.js';
import { startTestSandbox, type TestSandbox, operationsOf, runOperation, type TriggerOperations } from '../support/index.js';

export interface LiveHook {
  sandbox: TestSandbox;
  inbox: HookInbox;
  trigger: TriggerOperations;
  authData: TestSandbox['authData'];
  stop(): Promise<void>;
}

export async function startLiveHook(key: string): Promise<LiveHook> {
  const sandbox = await startTestSandbox();
  const inbox = await startHookInbox();
  return {
    sandbox,
    inbox,
    trigger: operationsOf(key),
    authData: sandbox.authData,
    stop: async () => {
      await sandbox.stop();
      await inbox.close();
    },
  };
}

/** Turns the Zap on: the app subscribes the receiver's URL; returns what Zapier would keep. */
export async function subscribe(live: LiveHook, inputData: Record<string, unknown> = {}) {
  return (await runOperation(live.trigger.performSubscribe, { authData: live.authData, targetUrl: live.inbox.url, inputData })) as {
    id: string;
    secret: string;
  };
}

/** The signed delivery of the event about `resourceId` (the event's data.id). */
export function deliveryOf(live: LiveHook, resourceId: string): Promise<Delivery> {
  return live.inbox.waitFor((body) => (body as { data?: { id?: string } }).data?.id === resourceId);
}

/** Zapier runs the trigger's perform on a delivery. */
export async function performOn(live: LiveHook, delivery: Delivery, subscribeData: object, inputData: Record<string, unknown> = {}) {
  return (await runOperation(live.trigger.perform, {
    authData: live.authData,
    inputData,
    subscribeData,
    rawRequest: delivery.rawRequest,
    cleanedRequest: delivery.cleanedRequest,
  })) as Array<Record<string, unknown>>;
}

export async function performList(live: LiveHook, inputData: Record<string, unknown> = {}, isLoadingSample = false) {
  return (await runOperation(live.trigger.performList, { authData: live.authData, inputData, meta: { isLoadingSample } })) as Array<
    Record<string, unknown>
  >;
}

/** The keys of an item, nested ones included (values left out), to compare shapes. */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) {
    const record: unknown = value.find((entry) => entry && typeof entry === 'object');
    return record ? [shapeOf(record)] : 'list';
  }
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, shapeOf(child)]));
  return 'value';
}
