// The app's errors as data: every z.errors.Error (studioError) and every stop that needs a
// person (haltedError) carries the API's code and status as properties, so a step can turn a
// specific code (slug_taken, not_found, idempotency_key_reused, …) into a message that says
// what to do in that step, or into an empty search result. Everything else passes through.
import type { ZObject } from 'zapier-platform-core';

export interface StudioError {
  /** The API's error code, e.g. "not_found". */
  code: string;
  status: number | undefined;
  /** The message the middleware wrote (it quotes the API's own message). */
  message: string;
  /** What went wrong without the advice: the API's own sentence, for a step that gives its own advice. */
  detail: string;
}

/** What a studioError or haltedError carries besides its message: the code as data, never parsed from text. */
interface Coded {
  code: string;
  status?: number;
  /** The message as written (z.errors.Error wraps it in JSON). */
  text: string;
  /** What went wrong without the advice (the message itself when not given apart). */
  detail: string;
}

function coded(message: string, code: string, status: number | undefined, detail = message): Coded {
  return { code, ...(status === undefined ? {} : { status }), text: message, detail };
}

/**
 * The error a Zap builder must fix in the Zap (an invalid field, an unknown id, an API refusal):
 * a z.errors.Error with its code and status as properties, for studioErrorOf and tests. Every
 * z.errors.Error of the app is made here.
 */
export function studioError(z: ZObject, message: string, code: string, status?: number, detail?: string): Error {
  return Object.assign(new z.errors.Error(message, code, status), coded(message, code, status, detail));
}

/**
 * A stop that needs a person but says nothing is wrong with the Zap: the data of this run
 * (two contacts fit the client, an order that does not add up, a job already full). Zapier
 * shows the run as halted and does not count it towards turning the Zap off, as it would a
 * z.errors.Error. Its code and status ride along as properties, as on a studioError; like
 * z.errors.Error, its message is shown as written (doNotContextify: core appends no console
 * log to it).
 */
export function haltedError(z: ZObject, message: string, code: string, status?: number): Error {
  return Object.assign(new z.errors.HaltedError(message), coded(message, code, status), { doNotContextify: true });
}

/** The code, status and message of a studioError or a haltedError, or null for any other failure. */
export function studioErrorOf(error: unknown): StudioError | null {
  if (!(error instanceof Error)) return null;
  const { code, status, text, detail } = error as Error & Partial<Record<keyof Coded, unknown>>;
  if (typeof code !== 'string' || typeof text !== 'string') return null;
  return {
    code,
    status: typeof status === 'number' ? status : undefined,
    message: text,
    detail: typeof detail === 'string' ? detail : text,
  };
}

/** True when `error` is the API's answer with this code. */
export function isStudioError(error: unknown, code: string): boolean {
  return studioErrorOf(error)?.code === code;
}

/** True when the API answered 404 (an unknown id, or another studio's). */
export function isNotFoundError(error: unknown): boolean {
  return studioErrorOf(error)?.status === 404;
}

/**
 * `text` cut to `max` characters with an ellipsis: a value echoed into a message (an ID mapped
 * from a whole paragraph, an API sentence quoting it) must not push the advice past the 250
 * characters Zapier shows.
 */
export function brief(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
