// The worked Zaps of docs/orders-from-other-apps.md, applied as written: each table row names a
// step field (by its label, "Line Items › Tax Rate" for a line item's) and where its value is in
// the app's order JSON, or a value to choose or type. Lists (`[]`) reach a text field joined by
// commas, as Zapier hands them; numbers and booleans as their text. So the tests book what a
// studio owner following the document would book, and a wrong row in the document fails them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { externalOrderFields } from '../../src/orders/external-order-input.js';

export type AppName = 'Shopify' | 'WooCommerce' | 'Pic-Time';

export interface RecipeRow {
  label: string;
  key: string;
  /** The line item child's key, for a "Line Items › …" row. */
  child?: string;
  path?: string;
  constant?: string;
  /** "type your studio's rate": the studio's own value. */
  yourOwn?: boolean;
}

const DOC = fileURLToPath(new URL('../../docs/orders-from-other-apps.md', import.meta.url));

/** The rows of the app's table, each resolved to the step's input key. */
export function readRecipe(app: AppName): RecipeRow[] {
  const text = readFileSync(DOC, 'utf8');
  const section = text.split(/^## /m).find((part) => part.startsWith(`${app}\n`));
  if (!section) throw new Error(`docs/orders-from-other-apps.md has no "## ${app}" section`);
  const rows = section.split('\n').filter((line) => line.startsWith('|') && !/^\|\s*(Step field|---)/.test(line));
  const topLevel = new Map(externalOrderFields.map((field) => [field.label, field]));
  const lineItems = externalOrderFields.find((field) => field.key === 'line_items') as { children: Array<{ key: string; label?: string }> };
  return rows.map((line) => {
    const [label = '', from = '', json = ''] = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    const childMatch = /^Line Items › (.+)$/.exec(label);
    let key: string;
    let child: string | undefined;
    if (childMatch) {
      const found = lineItems.children.find((c) => c.label === childMatch[1]);
      if (!found) throw new Error(`${app}: no line item field labelled "${childMatch[1]}"`);
      key = 'line_items';
      child = found.key;
    } else {
      const found = topLevel.get(label as never);
      if (!found) throw new Error(`${app}: no field labelled "${label}"`);
      key = found.key;
    }
    const path = /^`([^`]+)`$/.exec(json)?.[1];
    if (path) return { label, key, child, path };
    const chosen = /^(?:choose|type) `([^`]+)`/.exec(from)?.[1];
    if (/^type your /.test(from)) return { label, key, child, yourOwn: true };
    if (chosen !== undefined) return { label, key, child, constant: chosen };
    throw new Error(`${app}: the row for "${label}" says neither where the value is nor what to choose`);
  });
}

/** The values at a path: `line_items[].tax_lines[].rate` → every rate of every line's tax lines. */
function valuesAt(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const part of path.split('.')) {
    const list = part.endsWith('[]');
    const name = list ? part.slice(0, -2) : part;
    current = current.flatMap((item) => {
      const next = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[name] : undefined;
      if (list) return Array.isArray(next) ? next : [];
      return next === undefined ? [] : [next];
    });
  }
  return current;
}

/** As Zapier hands a value to a text field: a list joined by commas, a number or boolean as text, nothing as nothing. */
function zapierText(values: unknown[], isList: boolean): string | undefined {
  const texts = values.filter((v) => v !== null && v !== undefined).map((v) => String(v));
  if (texts.length === 0) return undefined;
  return isList ? texts.join(',') : texts[0];
}

/** The step's input for an order, by the recipe: what the Zap editor would send. */
export function applyRecipe(recipe: readonly RecipeRow[], order: unknown, yourOwn: Record<string, string> = {}): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const childRows = recipe.filter((row) => row.child);
  for (const row of recipe.filter((r) => !r.child)) {
    const value = row.constant ?? (row.yourOwn ? yourOwn[row.key] : zapierText(valuesAt(order, row.path!), row.path!.includes('[]')));
    if (value !== undefined) input[row.key] = value;
  }
  if (childRows.length > 0) {
    const prefix = 'line_items[].';
    const items = valuesAt(order, 'line_items[]');
    input.line_items = items.map((item) => {
      const line: Record<string, string> = {};
      for (const row of childRows) {
        if (!row.path!.startsWith(prefix)) throw new Error(`"${row.label}" must come from line_items[]`);
        const rest = row.path!.slice(prefix.length);
        const value = zapierText(valuesAt(item, rest), rest.includes('[]'));
        if (value !== undefined) line[row.child!] = value;
      }
      return line;
    });
  }
  return input;
}
