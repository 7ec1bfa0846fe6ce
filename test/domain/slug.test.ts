// Gallery URL slugs: what a studio owner's gallery names turn into, and the guarantees the
// create step relies on (always a valid slug, never empty, a slug survives slugify unchanged).
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { FALLBACK_SLUG, MAX_SLUG_LENGTH, foldToAscii, hasSluggableText, slugify } from '../../src/domain/slug.js';
import { Gallery } from '../../src/contract/galleries.js';

const slugPattern = Gallery.shape.slug;

describe('slugify', () => {
  it.each([
    ['Smith Wedding', 'smith-wedding'],
    ['  Smith   Wedding  ', 'smith-wedding'],
    ['Zoë & Ñico’s Wedding', 'zoe-and-nico-s-wedding'],
    ['Renée Lefèvre — Portraits 2026', 'renee-lefevre-portraits-2026'],
    ['Straße Grünwald', 'strasse-grunwald'],
    ['Łódź Ørsted Æsir Œuvre', 'lodz-orsted-aesir-oeuvre'],
    ['İstanbul Çiğdem Şahin', 'istanbul-cigdem-sahin'],
    ['---Hello___World!!!', 'hello-world'],
    ['Baby #2 (Newborn)', 'baby-2-newborn'],
    ['smith-wedding', 'smith-wedding'],
  ])('turns %j into %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it.each(['', '   ', '!!!', '🎉📸', '結婚式の写真', 'Свадьба'])(
    'falls back to "gallery" when %j has nothing to make a slug of',
    (name) => {
      expect(slugify(name)).toBe(FALLBACK_SLUG);
      expect(hasSluggableText(name)).toBe(false);
    },
  );

  it('keeps the Latin part of a mixed-script name', () => {
    expect(slugify('Анна & Ben 2026')).toBe('and-ben-2026');
    expect(hasSluggableText('Ben')).toBe(true);
  });

  it('cuts a long name at a word boundary, not mid-word', () => {
    const name =
      'The Extraordinarily Long Wedding Celebration of Alexandra Montgomery-Richardson and Maximilian Featherstonehaugh at Claridges';
    const slug = slugify(name);
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slug).toBe('the-extraordinarily-long-wedding-celebration-of-alexandra-montgomery-richardson-and-maximilian');
    expect(slugify(name).endsWith('-')).toBe(false);
  });

  it('keeps a word that ends exactly at the limit', () => {
    const name = `${'a'.repeat(49)} ${'b'.repeat(50)} tail`;
    expect(slugify(name)).toBe(`${'a'.repeat(49)}-${'b'.repeat(50)}`);
  });

  it('cuts a single word longer than the limit, because there is no boundary to cut at', () => {
    expect(slugify('x'.repeat(150))).toBe('x'.repeat(100));
  });

  it('folds accents without touching plain ASCII', () => {
    expect(foldToAscii('Crème Brûlée')).toBe('Creme Brulee');
    expect(foldToAscii('plain text 123')).toBe('plain text 123');
  });
});

describe('slugify properties', () => {
  // Names as people type them: Latin with accents, punctuation, emoji, other scripts, spaces.
  const nameChars = fc.constantFrom(
    ..."abcxyzABCXYZ0189 -_.,&/'’!?#()".split(''),
    'é',
    'ü',
    'ñ',
    'ß',
    'Ø',
    'Æ',
    'ł',
    'İ',
    'ı',
    'ﬁ',
    '①',
    '結',
    'Ж',
    '🎉',
    '\u0301',
    '\t',
    '\n',
  );
  const names = fc.oneof(
    fc.string({ unit: nameChars, maxLength: 160 }),
    fc.string({ maxLength: 160 }),
    fc.string({ unit: 'grapheme', maxLength: 60 }),
  );

  it('always returns a slug the Gallery schema accepts, at most 100 characters', () => {
    fc.assert(
      fc.property(names, (name) => {
        const slug = slugify(name);
        expect(slugPattern.safeParse(slug).success).toBe(true);
        expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent: a slug stays the same slug', () => {
    fc.assert(
      fc.property(names, (name) => {
        const slug = slugify(name);
        expect(slugify(slug)).toBe(slug);
      }),
      { numRuns: 2000 },
    );
  });

  it('never cuts mid-word: a long name loses whole words from the end', () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,20}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 20 }), (words) => {
        const parts = slugify(words.join(' ')).split('-');
        expect(parts).toEqual(words.slice(0, parts.length));
        // …and it keeps as many words as fit.
        if (parts.length < words.length) expect([...parts, words[parts.length]].join('-').length).toBeGreaterThan(MAX_SLUG_LENGTH);
      }),
      { numRuns: 1000 },
    );
  });

  it('honours a smaller maximum the same way', () => {
    fc.assert(
      fc.property(names, fc.integer({ min: 1, max: 40 }), (name, max) => {
        const slug = slugify(name, max);
        expect(slug.length).toBeLessThanOrEqual(max);
        expect(slugPattern.safeParse(slug).success).toBe(true);
      }),
    );
  });
});
