// The error a Zap step threw, read the way Zapier shows it (z.errors.Error carries JSON).

/** The error a step threw, with the message and code the Zap builder sees. */
export async function failureOf(run: Promise<unknown>): Promise<{ message: string; code?: string; status?: number }> {
  try {
    await run;
  } catch (error) {
    const raw = (error as Error).message;
    try {
      return JSON.parse(raw) as { message: string; code?: string; status?: number };
    } catch {
      return { message: raw };
    }
  }
  throw new Error('expected the step to fail');
}
