// How many wrong passwords one account takes before its sign-in pauses, wherever the guesses
// come from: the consent page and the console share one SignInLimit (users.ts SignIns), keyed
// by the normalised email, so a fresh consent page or a second browser buys no extra guesses.
// Unknown emails are counted the same way, so the answers never tell which emails exist. A
// right password clears the count; a pause ends on its own; an entry is forgotten once its
// window has passed (swept as new ones arrive), and the table never holds more than
// MAX_TRACKED_EMAILS entries. Kept in memory: a restarted sandbox starts over.

/** Wrong passwords allowed for one account (and on one consent page) before sign-in pauses. */
export const MAX_FAILED_SIGN_INS = 5;

/** How long sign-in stays paused for an email after too many wrong passwords; also how long a failure is remembered. */
export const SIGN_IN_PAUSE_SECONDS = 15 * 60;

/** The most emails tracked at once; past it the oldest entry is dropped first. */
export const MAX_TRACKED_EMAILS = 10_000;

/** An email as the limit counts it: trimmed, Unicode-normalised (NFKC) and lower-cased. */
export const emailKey = (email: string) => email.trim().normalize('NFKC').toLowerCase();

export class SignInLimit {
  /** In insertion order, which is the order of `since`: the oldest entries come first. */
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly capacity = MAX_TRACKED_EMAILS,
  ) {}

  /** How many emails are remembered now (expired entries are swept first). */
  get size(): number {
    this.sweep();
    return this.failures.size;
  }

  /** Seconds until this email may try again, or 0 when it may now. */
  pausedFor(email: string): number {
    this.sweep();
    const entry = this.failures.get(emailKey(email));
    if (!entry || entry.count < MAX_FAILED_SIGN_INS) return 0;
    return Math.max(0, Math.ceil((entry.since + SIGN_IN_PAUSE_SECONDS * 1000 - this.now()) / 1000));
  }

  /** Counts a wrong password; returns the attempts left before the pause. */
  failed(email: string): number {
    this.sweep();
    const key = emailKey(email);
    const entry = this.failures.get(key);
    if (entry) {
      entry.count += 1;
      return Math.max(0, MAX_FAILED_SIGN_INS - entry.count);
    }
    while (this.failures.size >= this.capacity) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(key, { count: 1, since: this.now() });
    return MAX_FAILED_SIGN_INS - 1;
  }

  succeeded(email: string): void {
    this.failures.delete(emailKey(email));
  }

  /** Drops every entry whose window has passed (they are at the front). */
  private sweep(): void {
    const cutoff = this.now() - SIGN_IN_PAUSE_SECONDS * 1000;
    for (const [key, entry] of this.failures) {
      if (entry.since > cutoff) break;
      this.failures.delete(key);
    }
  }
}
