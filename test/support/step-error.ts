// The error a Zap step threw, read the way Zapier shows it (z.errors.Error carries JSON; a
// HaltedError carries its message as written, with the code and status as properties).

/** The error a step threw, with its class, the message and code the Zap builder sees. */
export async function failureOf(run: Promise<unknown>): Promise<{ name: string; message: string; code?: string; status?: number }> {
  try {
    await run;
  } catch (error) {
    const { name, message: raw, code, status } = error as Error & { code?: string; status?: number };
    if (name === 'HaltedError') return { name, message: raw, code, status };
    try {
      return { name, ...(JSON.parse(raw) as { message: string; code?: string; status?: number }) };
    } catch {
      return { name, message: raw };
    }
  }
  throw new Error('expected the step to fail');
}
