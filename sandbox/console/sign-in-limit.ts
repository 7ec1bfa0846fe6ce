// How many wrong passwords the console's sign-in takes for one email before it pauses: the
// consent page's limit (MAX_FAILED_SIGN_INS), counted per account here, since the console's
// sign-in form is not tied to one request the way a consent page is. A right password
// clears the count; a pause ends on its own. Kept in memory: a restarted sandbox starts over.
import { MAX_FAILED_SIGN_INS } from '../oauth/consent-requests.js';

/** How long sign-in stays paused for an email after too many wrong passwords. */
export const SIGN_IN_PAUSE_SECONDS = 15 * 60;

export class SignInLimit {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds until this email may try again, or 0 when it may now. */
  pausedFor(email: string): number {
    const entry = this.failures.get(keyOf(email));
    if (!entry || entry.count < MAX_FAILED_SIGN_INS) return 0;
    const left = Math.ceil((entry.since + SIGN_IN_PAUSE_SECONDS * 1000 - this.now()) / 1000);
    if (left > 0) return left;
    this.failures.delete(keyOf(email));
    return 0;
  }

  /** Counts a wrong password; returns the attempts left before the pause. */
  failed(email: string): number {
    const key = keyOf(email);
    const entry = this.failures.get(key);
    const fresh = !entry || this.now() - entry.since > SIGN_IN_PAUSE_SECONDS * 1000;
    const next = fresh ? { count: 1, since: this.now() } : { count: entry.count + 1, since: entry.since };
    this.failures.set(key, next);
    return Math.max(0, MAX_FAILED_SIGN_INS - next.count);
  }

  succeeded(email: string): void {
    this.failures.delete(keyOf(email));
  }
}

const keyOf = (email: string) => email.trim().toLowerCase();
