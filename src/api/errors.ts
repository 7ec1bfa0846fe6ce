// Reading the errors the middleware raised for an API response, so a step can turn a specific
// API code (slug_taken, not_found, idempotency_key_reused, …) into a message that says what to
// do in that step, or into an empty search result. Everything else passes through unchanged.
// Also the one way to stop a run that needs a person (haltedError), with its code kept readable.
import type { ZObject } from 'zapier-platform-core';

export interface StudioError {
  /** The API's error code, e.g. "not_found". */
  code: string;
  status: number | undefined;
  /** The message the middleware wrote (it quotes the API's own message). */
  message: string;
}

/**
 * A stop that needs a person but says nothing is wrong with the Zap: the data of this run
 * (two contacts fit the client, an order that does not add up, a job already full). Zapier
 * shows the run as halted and does not count it towards turning the Zap off, as it would a
 * z.errors.Error. HaltedError carries only its message, so the code and status ride along as
 * properties, for studioErrorOf and tests; like z.errors.Error, its message is shown as
 * written (doNotContextify: core appends no console log to it).
 */
export function haltedError(z: ZObject, message: string, code: string, status?: number): Error {
  return Object.assign(new z.errors.HaltedError(message), { code, ...(status === undefined ? {} : { status }), doNotContextify: true });
}

/** The code, status and message of a z.errors.Error or a haltedError, or null for any other failure. */
export function studioErrorOf(error: unknown): StudioError | null {
  if (!(error instanceof Error)) return null;
  if (error.name === 'HaltedError') {
    const { code, status } = error as Error & { code?: unknown; status?: unknown };
    if (typeof code !== 'string') return null;
    return { code, status: typeof status === 'number' ? status : undefined, message: error.message };
  }
  // z.errors.Error (AppError) carries {message, code, status} as JSON in its message.
  if (error.name !== 'AppError') return null;
  try {
    const parsed = JSON.parse(error.message) as { message?: unknown; code?: unknown; status?: unknown };
    if (typeof parsed.code !== 'string') return null;
    return {
      code: parsed.code,
      status: typeof parsed.status === 'number' ? parsed.status : undefined,
      message: typeof parsed.message === 'string' ? parsed.message : '',
    };
  } catch {
    return null;
  }
}

/** True when `error` is the API's answer with this code. */
export function isStudioError(error: unknown, code: string): boolean {
  return studioErrorOf(error)?.code === code;
}

/** True when the API answered 404 (an unknown id, or another studio's). */
export function isNotFoundError(error: unknown): boolean {
  return studioErrorOf(error)?.status === 404;
}
