// A local date and time in an IANA zone, read as the one instant it means: the offsets of the
// tz database, the spring gap refused, the autumn overlap refused with the offsets to choose.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { AppValueError } from '../../src/domain/app-values.js';
import { canonicalTimeZone, isTimeZone, localText, localToInstant, offsetAt } from '../../src/domain/local-time.js';

const read = (value: string, zone: string) => localToInstant(value, zone, 'Starts At');

describe('localToInstant', () => {
  it.each([
    ['2026-06-12 14:00', 'Europe/London', '2026-06-12T13:00:00.000Z'],
    ['2026-01-12 14:00', 'Europe/London', '2026-01-12T14:00:00.000Z'],
    ['2026-06-12T14:00', 'Asia/Kolkata', '2026-06-12T08:30:00.000Z'],
    ['2026-06-12 14:00:30', 'America/New_York', '2026-06-12T18:00:30.000Z'],
    ['2026-12-31 23:45', 'Asia/Kathmandu', '2026-12-31T18:00:00.000Z'],
    ['2026-03-29 02:00', 'Europe/London', '2026-03-29T01:00:00.000Z'],
    ['2026-06-12T14:00+02:00', 'Europe/London', '2026-06-12T12:00:00.000Z'],
    ['2026-06-12T14:00:00Z', 'America/New_York', '2026-06-12T14:00:00.000Z'],
  ])('reads %s in %s as %s', (value, zone, instant) => {
    expect(read(value, zone)).toBe(instant);
  });

  it.each([
    ['2026-03-29 01:30', 'Europe/London'],
    ['2026-03-08 02:30', 'America/New_York'],
    ['2026-10-04 02:15', 'Australia/Lord_Howe'],
  ])('refuses %s in %s, a time the clocks skip', (value, zone) => {
    expect(() => read(value, zone)).toThrow(
      new AppValueError(
        `Starts At "${value}" does not exist in ${zone}: the clocks go forward then, skipping it. Use a time after the change, or write it with its offset.`,
      ),
    );
  });

  it.each([
    ['2026-10-25 01:30', 'Europe/London', '+01:00', '+00:00'],
    ['2026-11-01 01:10', 'America/New_York', '-04:00', '-05:00'],
    ['2026-04-05 01:45', 'Australia/Lord_Howe', '+11:00', '+10:30'],
  ])('refuses %s in %s, a time the clocks pass twice, offering both offsets', (value, zone, first, second) => {
    expect(() => read(value, zone)).toThrow(`"${value.replace(' ', 'T')}${first}" (the first) or "${value.replace(' ', 'T')}${second}"`);
    // Either offset then reads as its own instant, an hour (or half) apart.
    expect(
      Date.parse(read(`${value.replace(' ', 'T')}${second}`, zone)) - Date.parse(read(`${value.replace(' ', 'T')}${first}`, zone)),
    ).toBeGreaterThan(0);
  });

  it.each(['2026-02-29 10:00', '2026-04-31 10:00', '2026-06-12 24:00', '2026-06-12 10:60', 'tomorrow 2pm', '12/06/2026 14:00'])(
    'refuses %s, which is no local date and time',
    (value) => {
      expect(() => read(value, 'Europe/London')).toThrow(AppValueError);
    },
  );

  it('turns every instant’s wall-clock time back into that instant, unless the wall time happens twice (property)', () => {
    const zones = [
      'Europe/London',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'Pacific/Chatham',
      'America/Sao_Paulo',
      'UTC',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2040, 0, 1) / 60_000 }),
        (zone, minutes) => {
          const instant = minutes * 60_000;
          const local = localText(zone, instant);
          try {
            expect(read(local, zone)).toBe(new Date(instant).toISOString());
          } catch (error) {
            expect((error as Error).message).toMatch(/happens twice/);
            // The instant is one of the two the message offers.
            const offset = offsetAt(zone, instant) / 60_000;
            const text = `${offset < 0 ? '-' : '+'}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
            expect((error as Error).message).toContain(`"${local.replace(' ', 'T')}${text}"`);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('knows IANA zones and nothing else, by their canonical names', () => {
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(canonicalTimeZone('europe/london')).toBe('Europe/London');
    expect(canonicalTimeZone('London')).toBeNull();
    expect(isTimeZone('London')).toBe(false);
    expect(isTimeZone('GMT+1')).toBe(false);
  });
});
