// A local date and time in an IANA time zone ("2026-06-12 14:00" in Europe/London), read as the
// one instant it means, exactly: the zone's offsets come from Intl (the tz database Node ships),
// and the arithmetic is on whole milliseconds. A wall time the clocks skip (the spring gap) does
// not exist and is refused; one the clocks pass twice (the autumn overlap) is ambiguous and is
// refused too, asking for the offset that picks one. Pure; no request.
import { AppValueError } from './app-values.js';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const HOUR_MS = 3_600_000;

/** Whether `zone` is an IANA time zone this runtime knows ("Europe/London", "UTC"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's canonical IANA name ("europe/london" → "Europe/London"), or null for no zone. */
export function canonicalTimeZone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at `utcMs`, in milliseconds (+3 600 000 for British Summer Time). */
export function offsetAt(zone: string, utcMs: number): number {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(utcMs)).map((part) => [part.type, part.value]));
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  const whole = utcMs - (((utcMs % 1000) + 1000) % 1000);
  return wall - whole;
}

/** "2026-06-12T13:00:00.000Z" written as the zone's wall clock, "2026-06-12 14:00". */
export function localText(zone: string, utcMs: number): string {
  return new Date(utcMs + offsetAt(zone, utcMs)).toISOString().slice(0, 16).replace('T', ' ');
}

/** The instants whose wall-clock time in `zone` is `wallMs` (a UTC-based reading of the local fields): none, one or two. */
function instantsAt(zone: string, wallMs: number): number[] {
  const offsets = new Set([-24, -12, 0, 12, 24].map((hours) => offsetAt(zone, wallMs + hours * HOUR_MS)));
  const found = new Set<number>();
  for (const offset of offsets) {
    const candidate = wallMs - offset;
    if (offsetAt(zone, candidate) === offset) found.add(candidate);
  }
  return [...found].sort((a, b) => a - b);
}

const offsetText = (ms: number) => {
  const minutes = Math.abs(ms) / 60_000;
  return `${ms < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};

/**
 * The instant (ISO 8601 UTC) of a local date and time in `zone`. A value with an offset
 * ("2026-06-12T14:00+01:00", "…Z") already names its instant and is taken as it is. `what` names
 * the field in messages.
 */
export function localToInstant(value: string, zone: string, what: string): string {
  const text = value.trim();
  if (WITH_OFFSET.test(text)) {
    const ms = Date.parse(text.replace(' ', 'T'));
    if (Number.isNaN(ms))
      throw new AppValueError(`${what} "${text}" is not a date and time this step can read: write it as "2026-06-12 14:00".`);
    return new Date(ms).toISOString();
  }
  const match = LOCAL.exec(text);
  if (!match)
    throw new AppValueError(
      `${what} "${text}" is not a local date and time: write it as "2026-06-12 14:00" (year-month-day, 24-hour time).`,
    );
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? '0')) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(wall);
  if (
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw new AppValueError(`${what} "${text}" is a date or time that does not exist: check the day, month and time mapped here.`);
  }
  const instants = instantsAt(zone, wall);
  if (instants.length === 0) {
    throw new AppValueError(
      `${what} "${text}" does not exist in ${zone}: the clocks go forward then, skipping it. Use a time after the change, or write it with its offset.`,
    );
  }
  if (instants.length > 1) {
    const [first, second] = instants.map((instant) => offsetText(wall - instant));
    throw new AppValueError(
      `${what} "${text}" happens twice in ${zone} (the clocks go back). Add its offset: "${text.replace(' ', 'T')}${first}" (the first) or "${text.replace(' ', 'T')}${second}".`,
    );
  }
  return new Date(instants[0]!).toISOString();
}
