// URL slugs for galleries, pure: "Zoë & Ñico’s Wedding" → "zoe-and-nico-s-wedding".
// The result always matches the Gallery slug pattern (lower-case letters, digits, single
// hyphens) and slugify(slugify(x)) === slugify(x), so a slug a user typed survives unchanged.

/** The longest slug the Studio API accepts. */
export const MAX_SLUG_LENGTH = 100;

/** Used when nothing sluggable is left (a name written only in emoji or a non-Latin script). */
export const FALLBACK_SLUG = 'gallery';

// Latin letters that Unicode normalisation does not decompose into a base letter + accent.
const LETTERS_WITHOUT_DECOMPOSITION: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  þ: 'th',
  Þ: 'th',
  ł: 'l',
  Ł: 'l',
  ħ: 'h',
  Ħ: 'h',
  ı: 'i',
  ŀ: 'l',
  Ŀ: 'l',
  ŧ: 't',
  Ŧ: 't',
};

/** Folds accents and special Latin letters to ASCII; other characters pass through. */
export function foldToAscii(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is every ASCII character, to find the others
      .replace(/[^\u0000-\u007f]/g, (char) => LETTERS_WITHOUT_DECOMPOSITION[char] ?? char)
  );
}

/** Cuts a valid slug to `max` characters, at a hyphen (a word boundary) when there is one. */
function truncateAtWord(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  // The cut lands exactly at the end of a word: keep all of it.
  if (slug[max] === '-') return cut;
  const lastHyphen = cut.lastIndexOf('-');
  // A single word longer than max cannot be cut anywhere else.
  return lastHyphen > 0 ? cut.slice(0, lastHyphen) : cut;
}

/** The slug of `text`, or "" when it has no letters or digits that survive folding. */
function slugOrEmpty(text: string, max: number): string {
  const slug = foldToAscii(text)
    .replace(/&/g, ' and ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return truncateAtWord(slug, max);
}

/** A URL slug for `text`: never empty, at most `max` (MAX_SLUG_LENGTH) characters. */
export function slugify(text: string, max = MAX_SLUG_LENGTH): string {
  const slug = slugOrEmpty(text, Math.max(1, Math.floor(max)));
  return slug.length > 0 ? slug : FALLBACK_SLUG.slice(0, Math.max(1, Math.floor(max)));
}

/** True when `text` has letters or digits to make a slug of (slugify did not fall back). */
export function hasSluggableText(text: string): boolean {
  return slugOrEmpty(text, MAX_SLUG_LENGTH).length > 0;
}
