// The report: a table (check → expected → observed → result) that wraps its long cells, and
// the totals line CI logs end with.
import type { Row } from './check.js';

const COLUMNS = [
  { title: 'result', width: 6 },
  { title: 'check', width: 34 },
  { title: 'expected', width: 58 },
  { title: 'observed', width: 58 },
] as const;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      let rest = word;
      while (rest.length > width) {
        if (line) {
          lines.push(line);
          line = '';
        }
        lines.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
      if (line === '') line = rest;
      else if (line.length + 1 + rest.length <= width) line += ` ${rest}`;
      else {
        lines.push(line);
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines;
}

const RESULT = { pass: 'pass', fail: 'FAIL', skip: 'skip' } as const;

export function formatTable(rows: Row[]): string {
  const out: string[] = [];
  const rule = COLUMNS.map((c) => '-'.repeat(c.width)).join('-+-');
  out.push(COLUMNS.map((c) => c.title.padEnd(c.width)).join(' | '), rule);
  for (const row of rows) {
    const cells = [
      [RESULT[row.status]],
      wrap(row.check, COLUMNS[1].width),
      wrap(row.expected, COLUMNS[2].width),
      wrap(row.status === 'skip' ? `skipped: ${row.observed}` : row.observed, COLUMNS[3].width),
    ];
    const height = Math.max(...cells.map((cell) => cell.length));
    for (let i = 0; i < height; i++)
      out.push(
        cells
          .map((cell, c) => (cell[i] ?? '').padEnd(COLUMNS[c]!.width))
          .join(' | ')
          .trimEnd(),
      );
  }
  return out.join('\n');
}

/**
 * After the table: each failed check once more, as something to do ("what to fix"), in the
 * order of the run, so a backend's first run reads as a to-do list.
 */
export function fixList(rows: Row[]): string {
  const failed = rows.filter((row) => row.status === 'fail');
  if (failed.length === 0) return '';
  const lines = ['What to fix (docs/studio-api.md has each rule):'];
  for (const [index, row] of failed.entries()) {
    lines.push(`${String(index + 1).padStart(3)}. ${row.check}: ${row.fix ?? row.expected}`);
    lines.push(`     it answered: ${row.observed.length > 300 ? `${row.observed.slice(0, 300)}…` : row.observed}`);
  }
  return lines.join('\n');
}

export function totals(rows: Row[]): { passed: number; failed: number; skipped: number } {
  return {
    passed: rows.filter((row) => row.status === 'pass').length,
    failed: rows.filter((row) => row.status === 'fail').length,
    skipped: rows.filter((row) => row.status === 'skip').length,
  };
}

export function summaryLine(rows: Row[]): string {
  const { passed, failed, skipped } = totals(rows);
  return `conformance: ${passed} passed, ${failed} failed, ${skipped} skipped`;
}
