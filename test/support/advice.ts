// How a message a person reads is judged: does it say what to do before Zapier cuts it off?
// Zapier shows the first 250 characters of a step's error in Zap History and the editor.
// "What to do" is an instruction: a sentence or clause that starts with an imperative verb
// ("Check…", "Fill in…", "Reconnect…", "Choose…"), or one of the phrases that tell a person
// the run will be retried or to run it again. Saying only what failed is not enough.

export const ZAPIER_CUTOFF = 250;

const IMPERATIVES = new Set(
  (
    'add allow ask book cancel change check choose clear connect contact correct create delete edit enter fill find fix give ' +
    'keep leave link look make map mark merge move open pick place publish put reconnect reduce register remove rename ' +
    'replace retry run select send set sign split start stop try turn type unlink update upload use wait write'
  ).split(' '),
);
const RETRY_PHRASES = [
  /zapier will retry/i,
  /\btry (the step |it |this step )?again\b/i,
  /\bsafe to retry\b/i,
  /\brun (this|the) step again\b/i,
];
/** Words that may lead an instruction without being one ("Then check…", "To choose, fill in…"). */
const LEADS = /^(?:then|or|and|please|instead|otherwise|if [^,]*,|to [a-z]+(?: [a-z]+)?,)\s+/i;

/** True when the first 250 characters of `message` tell the reader what to do. */
export function adviceWithinCutoff(message: string): boolean {
  const head = message.slice(0, ZAPIER_CUTOFF);
  if (RETRY_PHRASES.some((phrase) => phrase.test(head))) return true;
  // Clauses: sentences, parts after a colon or semicolon, a parenthesis, or ", then"/", or".
  const clauses = head.split(/[.:;!?]\s+|\(|\s[—–]\s|,\s(?=(?:then|or|and|otherwise)\s)/);
  return clauses.some((clause) => {
    let words = clause.trim();
    for (let previous = ''; previous !== words; ) {
      previous = words;
      words = words.replace(LEADS, '');
    }
    const first = /^[A-Za-z]+/.exec(words)?.[0]?.toLowerCase();
    // "Contact" leads many sentences as a noun ("Contact con_1 was…"); as advice it is "contact the/your…".
    if (first === 'contact') return /^contact (?:the|your)\b/i.test(words);
    return first !== undefined && IMPERATIVES.has(first);
  });
}

/**
 * The text Zapier shows for an error that left a step, or null for one it never shows
 * (RefreshAuthError: Zapier refreshes the token and runs the step again). z.errors.Error and
 * ThrottledError carry the text in a JSON envelope; the app's own errors also as `text`.
 */
export function shownMessage(error: unknown): string | null {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'RefreshAuthError') return null;
  const { text } = error as Error & { text?: unknown };
  if (typeof text === 'string') return text;
  try {
    const envelope = JSON.parse(error.message) as { message?: unknown };
    if (typeof envelope.message === 'string') return envelope.message;
  } catch {
    // not an envelope: the message is the text
  }
  return error.message;
}

/**
 * Messages written in modules this check does not fix, each still too long before its advice;
 * they are reported by the check's own test (test/messages.integration.test.ts) until their modules put
 * the advice first. Keyed by the error's code, so nothing else slips through with them.
 */
export const KNOWN_LATE_ADVICE: ReadonlyArray<{ code: string; madeIn: string; why: string; only?: RegExp }> = [];

export function tolerated(shown: { code: string | undefined; message: string }): boolean {
  return KNOWN_LATE_ADVICE.some((known) => known.code === shown.code && (known.only === undefined || known.only.test(shown.message)));
}
