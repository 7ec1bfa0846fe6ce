// The error a Zap step threw, read the way Zapier shows it: a studioError (z.errors.Error) and a
// haltedError carry the message as written, the code and status as properties; any other
// error of core (ThrottledError, …) carries JSON in its message.

/** The error a step threw, with its class, the message and code the Zap builder sees. */
export async function failureOf(run: Promise<unknown>): Promise<{ name: string; message: string; code?: string; status?: number }> {
  try {
    await run;
  } catch (error) {
    const { name, message: raw, code, status, text } = error as Error & { code?: unknown; status?: unknown; text?: unknown };
    if (typeof code === 'string' && typeof text === 'string') {
      return { name, message: text, code, ...(typeof status === 'number' ? { status } : {}) };
    }
    try {
      return { name, ...(JSON.parse(raw) as { message: string; code?: string; status?: number }) };
    } catch {
      return { name, message: raw };
    }
  }
  throw new Error('expected the step to fail');
}
