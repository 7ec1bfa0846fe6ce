// Reading the errors the middleware raised for an API response, so a step can turn a specific
// API code (slug_taken, not_found, idempotency_key_reused, …) into a message that says what to
// do in that step, or into an empty search result. Everything else passes through unchanged.

export interface StudioError {
  /** The API's error code, e.g. "not_found". */
  code: string;
  status: number | undefined;
  /** The message the middleware wrote (it quotes the API's own message). */
  message: string;
}

/** The code, status and message of a z.errors.Error, or null for any other failure. */
export function studioErrorOf(error: unknown): StudioError | null {
  // z.errors.Error (AppError) carries {message, code, status} as JSON in its message.
  if (!(error instanceof Error) || error.name !== 'AppError') return null;
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
