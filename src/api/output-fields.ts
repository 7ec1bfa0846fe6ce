// Output fields of a record shown inside another item (a payment's job, an order's invoices):
// declared once with the record, restated here under the item's prefix, never retyped.
import type { PlainOutputField } from 'zapier-platform-core';

/**
 * `fields` under `prefix` (`job__` for a nested object, `invoices[]` for a list of them), each
 * label led by `labelPrefix` ("Job ", "Invoice ") unless it already starts with it.
 */
export function prefixedOutputFields(prefix: string, fields: readonly PlainOutputField[], labelPrefix: string): PlainOutputField[] {
  return fields.map((field) => {
    const label = field.label ?? field.key;
    return { ...field, key: `${prefix}${field.key}`, label: label.startsWith(labelPrefix) ? label : `${labelPrefix}${label}` };
  });
}

/** The fields of `fields` with these keys, in the order given. */
export function pickOutputFields(fields: readonly PlainOutputField[], keys: readonly string[]): PlainOutputField[] {
  return keys.map((key) => {
    const field = fields.find((f) => f.key === key);
    if (!field) throw new Error(`no output field "${key}"`);
    return field;
  });
}
