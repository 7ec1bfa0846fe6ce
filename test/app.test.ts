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
  operation: {
    inputFields?: Array<Field | ((...args: never[]) => unknown)>;
    sample?: Record<string, unknown>;
    outputFields?: Array<{ key: string; label?: string }>;
    type?: string;
  };
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
      const [kind, keys] = row
        .split('|')
        .slice(1, 3)
        .map((cell) => cell.trim()) as [string, string];
      const listed =
        kind === 'search or create'
          ? keys.split(', ').map((pair) => pair.replace(/`/g, ''))
          : [...keys.matchAll(/`(\w+)`/g)].map((m) => m[1]!);
      return [kind, listed.sort()];
    }),
  );
}

describe('the operation catalogue (a public contract)', () => {
  it('has every key docs/design.md promises, and no other', () => {
    const byKind = catalogue();
    const triggers = App.triggers as unknown as Record<string, { display: { hidden?: boolean }; operation: { type?: string } }>;
    const keysWhere = (test: (op: (typeof triggers)[string]) => boolean) =>
      Object.keys(triggers)
        .filter((key) => test(triggers[key]!))
        .sort();
    expect(keysWhere((op) => op.operation.type === 'hook')).toEqual(byKind['instant trigger']);
    expect(keysWhere((op) => op.display.hidden === true)).toEqual(byKind['dropdown (hidden trigger)']);
    expect(Object.keys(App.creates ?? {}).sort()).toEqual(byKind.create);
    expect(Object.keys(App.searches ?? {}).sort()).toEqual(byKind.search);
    expect(
      Object.values(App.searchOrCreates ?? {})
        .map((pair) => `${pair.search} → ${pair.create}`)
        .sort(),
    ).toEqual(byKind['search or create']);
    expect(Object.values(byKind).flat().length).toBeGreaterThan(30);
  });

  it('offers Find Contact with Create Contact as its fallback', () => {
    expect(App.searchOrCreates?.find_contact).toMatchObject({ search: 'find_contact', create: 'create_contact' });
  });

  it('offers Find Job with Create Job as its fallback, every input of the search being one of the create', () => {
    expect(App.searchOrCreates?.find_job).toMatchObject({ search: 'find_job', create: 'create_job' });
    const keys = (group: 'searches' | 'creates', key: string) =>
      ((App[group] as unknown as Record<string, Operation>)[key]!.operation.inputFields ?? []).map((field) =>
        typeof field === 'function' ? '' : field.key,
      );
    expect(keys('creates', 'create_job')).toEqual(expect.arrayContaining(keys('searches', 'find_job')));
  });

  it('makes the instant triggers REST hooks with a polling list', () => {
    for (const key of [
      'new_order',
      'gallery_published',
      'new_payment',
      'new_gallery_visitor',
      'gallery_invite_sent',
      'new_contact',
      'new_job',
      'job_stage_changed',
      'updated_contact',
      'new_invoice',
    ]) {
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

// Output keys are frozen once published: one key and one shape per fact in every operation
// (docs/design.md, "Output keys"), and no label twice in one output.
type OutputField = { key: string; label?: string; type?: string; list?: boolean };
const outputsOf = (op: Operation) => (op.operation.outputFields ?? []) as OutputField[];
/** The last part of a key: `contact__name` → `name`, `invoices[]tax_rate` → `tax_rate`. */
const leaf = (key: string) => key.split(/__|\[\]/).pop()!;

/** Fact → its one key (the last part of the key, under whatever record holds it), shape, and the keys it must not take. */
const FACTS = [
  {
    fact: 'a person’s full name (contact, client, visitor)',
    key: 'name',
    type: 'string',
    list: false,
    never: ['full_name', 'display_name', 'client_name', 'contact_name'],
  },
  { fact: 'the ids of the invoices booked', key: 'invoice_ids', type: 'string', list: true, never: ['invoices_ids', 'invoice_id_list'] },
  {
    fact: 'how many invoices were booked',
    key: 'invoice_count',
    type: 'integer',
    list: false,
    never: ['count', 'invoices_count', 'number_of_invoices'],
  },
  {
    fact: 'how many invoices this run created',
    key: 'invoices_created',
    type: 'integer',
    list: false,
    never: ['created', 'created_count'],
  },
  { fact: 'how many invoices already existed', key: 'invoices_reused', type: 'integer', list: false, never: ['reused', 'reused_count'] },
  { fact: 'a tax rate in percent', key: 'tax_rate', type: 'string', list: false, never: ['rate', 'vat_rate', 'tax_percent'] },
  { fact: 'the ids of a gallery’s jobs', key: 'job_ids', type: 'string', list: true, never: ['jobs', 'linked_job_ids'] },
  { fact: 'the ids of a job’s galleries', key: 'gallery_ids', type: 'string', list: true, never: ['galleries', 'linked_gallery_ids'] },
] as const;

describe('output keys: one key and one shape per fact, no label twice', () => {
  const withOutput = visible.filter(({ op }) => outputsOf(op).length > 0);

  it.each(withOutput.map(({ op }) => [op.key, op] as const))('%s shows every label once', (_key, op) => {
    const labels = outputsOf(op).map((field) => field.label);
    expect(labels.filter((label, index) => labels.indexOf(label) !== index)).toEqual([]);
  });

  it.each(withOutput.map(({ op }) => [op.key, op] as const))('%s gives each fact its one key, in its one shape', (_key, op) => {
    for (const field of outputsOf(op)) {
      for (const fact of FACTS) {
        expect({ key: field.key, fact: fact.fact, forbidden: (fact.never as readonly string[]).includes(leaf(field.key)) }).toEqual({
          key: field.key,
          fact: fact.fact,
          forbidden: false,
        });
        if (leaf(field.key) === fact.key)
          expect({ key: field.key, type: field.type, list: field.list ?? false }).toEqual({
            key: field.key,
            type: fact.type,
            list: fact.list,
          });
      }
    }
    // A list declared as a list is a list in the sample (invoice_ids was once a comma-joined string).
    const sample = op.operation.sample!;
    for (const field of outputsOf(op).filter((f) => f.list && !f.key.includes('[]') && !f.key.includes('__')))
      expect([field.key, Array.isArray(sample[field.key])]).toEqual([field.key, true]);
  });

  it.each(withOutput.map(({ op }) => [op.key, op] as const))(
    '%s carries a record’s id once: `contact_id` or `contact__id`, never both',
    (_key, op) => {
      const keys = new Set(outputsOf(op).map((field) => field.key));
      const twice = [...keys].filter((key) => /^\w+__id$/.test(key) && keys.has(key.replace(/__id$/, '_id')));
      expect(twice).toEqual([]);
      // …nor under two names: no id value appears at two keys of one item (a job's contact and the contact).
      const ids = new Map<string, string[]>();
      for (const [key, value] of flatEntries(op.operation.sample!))
        if (typeof value === 'string' && /^[a-z]{2,4}_\w{4,}$/.test(value)) ids.set(value, [...(ids.get(value) ?? []), key]);
      expect([...ids.values()].filter((at) => at.length > 1)).toEqual([]);
    },
  );

  it('gives a key one type and one shape in every operation that has it', () => {
    const shapes = new Map<string, Set<string>>();
    for (const { op } of withOutput)
      for (const field of outputsOf(op))
        shapes.set(field.key, (shapes.get(field.key) ?? new Set()).add(`${field.type}${field.list ? '[]' : ''}`));
    expect([...shapes].filter(([, seen]) => seen.size > 1).map(([key, seen]) => `${key}: ${[...seen].join(' / ')}`)).toEqual([]);
  });

  it('is written down in docs/design.md, fact by fact', () => {
    const design = readFileSync(new URL('../docs/design.md', import.meta.url), 'utf8');
    const section = design.split('\n## Output keys\n')[1]?.split('\n## ')[0] ?? '';
    for (const fact of FACTS) expect(section).toContain(`\`${fact.key}\``);
  });
});

/** The sample's non-list values by flat key (`contact__email`), as Zapier shows them. */
function flatEntries(item: Record<string, unknown>, prefix = ''): Array<[string, unknown]> {
  return Object.entries(item).flatMap(
    ([key, value]): Array<[string, unknown]> =>
      isRecord(value) ? flatEntries(value, `${prefix}${key}__`) : Array.isArray(value) ? [] : [[`${prefix}${key}`, value]],
  );
}

describe('labels and descriptions a Zap builder reads', () => {
  it('capitalise every word of an operation label ("Unlink Gallery From Job")', () => {
    const lower = visible
      .filter(({ op }) => op.display.label.split(' ').some((word) => /^[a-z]/.test(word)))
      .map(({ op }) => op.display.label);
    expect(lower).toEqual([]);
  });

  it('keep descriptions to 20 words, and triggers never name the app', () => {
    const long = visible
      .filter(({ op }) => op.display.description.split(/\s+/).length > 20)
      .map(({ op }) => `${op.key}: ${op.display.description.split(/\s+/).length} words`);
    expect(long).toEqual([]);
    const naming = all
      .filter(({ kind, op }) => kind === 'triggers' && /\b(Studio|Pic-Time)\b/.test(op.display.description))
      .map(({ op }) => op.key);
    expect(naming).toEqual([]);
  });

  it('give every id dropdown the search that finds it, in actions and searches (not in its own search)', () => {
    const searches = App.searches as unknown as Record<string, Operation>;
    const missing: string[] = [];
    for (const { kind, op } of all.filter(({ kind }) => kind !== 'triggers')) {
      for (const field of op.operation.inputFields ?? []) {
        if (typeof field === 'function' || !field.dynamic) continue;
        const resource = field.dynamic
          .split('.')[0]!
          .replace(/^list_/, '')
          .replace(/s$/, '');
        const search = `find_${resource}`;
        if (!searches[search] || (kind === 'searches' && op.key === search)) continue;
        if (field.search !== `${search}.id`) missing.push(`${op.key}.${field.key} → ${search}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
