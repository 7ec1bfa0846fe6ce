// What a Zap builder sees of every operation, checked as Zapier's integration checks would:
// the public keys of the catalogue, labels, descriptions, help, dropdowns, samples and
// labelled output fields.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import App from '../index.js';

type Field = { key: string; label?: string; helpText?: string; dynamic?: string; search?: string };
type Operation = {
  key: string;
  noun: string;
  display: { label: string; description: string; hidden?: boolean };
  operation: { inputFields?: Array<Field | ((...args: never[]) => unknown)>; sample?: Record<string, unknown>; outputFields?: Array<{ key: string; label?: string }>; type?: string };
};

// Zapier's wording: triggers say when they fire, searches what they find, and actions start
// with what they do, in the third person.
const kinds = { triggers: /^Triggers when /, creates: /^(Creates|Adds|Updates|Links|Removes|Sends) /, searches: /^Finds / } as const;
const all = Object.entries(kinds).flatMap(([kind, verb]) =>
  Object.values((App as unknown as Record<string, Record<string, Operation>>)[kind] ?? {}).map((op) => ({ kind, verb, op })),
);
const visible = all.filter(({ op }) => !op.display.hidden);
const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

/** docs/design.md's operation catalogue: its keys by kind (backticked; "a → b" for a search or create). */
function catalogue(): Record<string, string[]> {
  const design = readFileSync(new URL('../docs/design.md', import.meta.url), 'utf8');
  const section = design.split('## The operation catalogue')[1]!.split('\n## ')[0]!;
  const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| kind') && !line.startsWith('|---'));
  return Object.fromEntries(
    rows.map((row) => {
      const [kind, keys] = row.split('|').slice(1, 3).map((cell) => cell.trim()) as [string, string];
      const listed = kind === 'search or create' ? keys.split(', ').map((pair) => pair.replace(/`/g, '')) : [...keys.matchAll(/`(\w+)`/g)].map((m) => m[1]!);
      return [kind, listed.sort()];
    }),
  );
}

describe('the operation catalogue (a public contract)', () => {
  it('has every key docs/design.md promises, and no other', () => {
    const byKind = catalogue();
    const triggers = App.triggers as unknown as Record<string, { display: { hidden?: boolean }; operation: { type?: string } }>;
    const keysWhere = (test: (op: (typeof triggers)[string]) => boolean) => Object.keys(triggers).filter((key) => test(triggers[key]!)).sort();
    expect(keysWhere((op) => op.operation.type === 'hook')).toEqual(byKind['instant trigger']);
    expect(keysWhere((op) => op.display.hidden === true)).toEqual(byKind['dropdown (hidden trigger)']);
    expect(Object.keys(App.creates ?? {}).sort()).toEqual(byKind.create);
    expect(Object.keys(App.searches ?? {}).sort()).toEqual(byKind.search);
    expect(Object.values(App.searchOrCreates ?? {}).map((pair) => `${pair.search} → ${pair.create}`).sort()).toEqual(byKind['search or create']);
    expect(Object.values(byKind).flat().length).toBeGreaterThan(30);
  });

  it('offers Find Contact with Create Contact as its fallback', () => {
    expect(App.searchOrCreates?.find_contact).toMatchObject({ search: 'find_contact', create: 'create_contact' });
  });

  it('offers Find Job with Create Job as its fallback, every input of the search being one of the create', () => {
    expect(App.searchOrCreates?.find_job).toMatchObject({ search: 'find_job', create: 'create_job' });
    const keys = (group: 'searches' | 'creates', key: string) =>
      ((App[group] as unknown as Record<string, Operation>)[key]!.operation.inputFields ?? []).map((field) => (typeof field === 'function' ? '' : field.key));
    expect(keys('creates', 'create_job')).toEqual(expect.arrayContaining(keys('searches', 'find_job')));
  });

  it('makes the instant triggers REST hooks with a polling list', () => {
    for (const key of ['new_order', 'gallery_published', 'new_payment', 'new_gallery_visitor', 'gallery_invite_sent', 'new_contact', 'new_job', 'job_stage_changed', 'updated_contact', 'new_invoice']) {
      const operation = (App.triggers as unknown as Record<string, { operation: Record<string, unknown> }>)[key]!.operation;
      expect(operation.type).toBe('hook');
      for (const fn of ['performSubscribe', 'performUnsubscribe', 'perform', 'performList']) expect(typeof operation[fn]).toBe('function');
    }
  });
});

describe.each(visible.map(({ kind, verb, op }) => [op.key, kind, verb, op] as const))('%s', (_key, _kind, verb, op) => {
  it('has a Title Case label', () => {
    const words = op.display.label.split(' ');
    words.forEach((word, index) => {
      if (index > 0 && SMALL_WORDS.has(word)) return;
      expect(word.charAt(0)).toBe(word.charAt(0).toUpperCase());
    });
  });

  it(`has a description that starts ${verb} and is one or two sentences`, () => {
    expect(op.display.description).toMatch(verb);
    expect(op.display.description).toMatch(/\.$/);
    expect(op.display.description.length).toBeLessThanOrEqual(300);
  });

  it('labels and explains its input fields, with a dropdown for every id', () => {
    for (const field of op.operation.inputFields ?? []) {
      if (typeof field === 'function') continue;
      expect(field.label).toBeTruthy();
      if (field.key.endsWith('_id')) expect(field.dynamic).toMatch(/^list_\w+\.id\.name$/);
      if (field.dynamic) expect(field.helpText).toBeTruthy();
    }
  });

  it('has a realistic sample whose keys are exactly its labelled output fields', () => {
    const sample = op.operation.sample!;
    expect(sample).toBeDefined();
    const outputFields = op.operation.outputFields ?? [];
    expect(outputFields.length).toBeGreaterThan(0);
    for (const field of outputFields) expect(field.label).toBeTruthy();
    expect(outputFields.map((f) => f.key).sort()).toEqual(flatKeys(sample).sort());
  });
});

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The keys Zapier shows for an item: a nested object's fields as `parent__child`, the fields
 * of a list of objects as `list[]field` (a list of plain values is one field).
 */
function flatKeys(item: Record<string, unknown>, prefix = ''): string[] {
  const keys = new Set<string>();
  for (const [key, value] of Object.entries(item)) {
    if (isRecord(value)) for (const nested of flatKeys(value, `${prefix}${key}__`)) keys.add(nested);
    else if (Array.isArray(value) && value.some(isRecord)) {
      for (const element of value.filter(isRecord)) for (const nested of flatKeys(element, `${prefix}${key}[]`)) keys.add(nested);
    } else keys.add(`${prefix}${key}`);
  }
  return [...keys];
}

describe('dropdowns', () => {
  it('point at hidden triggers that exist', () => {
    for (const { op } of all) {
      for (const field of op.operation.inputFields ?? []) {
        if (typeof field === 'function' || !field.dynamic) continue;
        const trigger = (App.triggers as unknown as Record<string, Operation>)[field.dynamic.split('.')[0]!];
        expect(trigger?.display.hidden).toBe(true);
      }
    }
  });
});
