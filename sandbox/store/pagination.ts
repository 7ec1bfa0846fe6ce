// Keyset pagination, newest first: each list is ordered by (<sort column> DESC, seq DESC) over
// an index, and the cursor is the (sort value, seq) of the last item of the page, so a page
// costs the same however deep it is and items added meanwhile never shift the pages.
import type { SQLInputValue } from 'node:sqlite';
import { invalidField } from '../errors.js';
import { prepared, type DatabaseSync } from './sqlite.js';

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;

export interface PageRequest {
  limit: number;
  after: { sort: string; seq: number } | null;
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export type Query = Record<string, unknown>;

/** A query parameter given at most once; a repeated one is a 422 naming it. */
export function queryParam(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidField(name, 'must be given at most once');
  return value;
}

export function pageRequest(query: Query): PageRequest {
  const limitText = queryParam(query, 'limit');
  let limit = DEFAULT_LIMIT;
  if (limitText !== undefined && limitText !== '') {
    if (!/^\d{1,3}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_LIMIT) {
      throw invalidField('limit', `must be a whole number from 1 to ${MAX_LIMIT}`);
    }
    limit = Number(limitText);
  }
  const cursor = queryParam(query, 'cursor');
  return { limit, after: cursor ? decodeCursor(cursor) : null };
}

function encodeCursor(sort: string, seq: number): string {
  return Buffer.from(JSON.stringify([sort, seq]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { sort: string; seq: number } {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && typeof decoded[0] === 'string' && Number.isSafeInteger(decoded[1])) {
      return { sort: decoded[0], seq: decoded[1] as number };
    }
  } catch {
    // fall through to the 422 below
  }
  throw invalidField('cursor', 'is not a cursor this API returned; pass next_cursor from the previous page unchanged');
}

export interface ListQuery {
  /** FROM clause, e.g. "contacts" or "galleries g JOIN job_galleries jg ON …". */
  from: string;
  /** Columns selected (default "*"). */
  select?: string;
  /** The sort column and the tie-breaker, qualified when the FROM joins. */
  sort: string;
  seq?: string;
  where: string[];
  params: SQLInputValue[];
}

/** One page of rows, newest first, mapped to resources. */
export function keysetPage<Row, T>(db: DatabaseSync, list: ListQuery, page: PageRequest, toResource: (row: Row) => T): Page<T> {
  const seq = list.seq ?? 'seq';
  const where = [...list.where];
  const params = [...list.params];
  if (page.after) {
    where.push(`(${list.sort} < ? OR (${list.sort} = ? AND ${seq} < ?))`);
    params.push(page.after.sort, page.after.sort, page.after.seq);
  }
  const sql =
    `SELECT ${list.select ?? '*'}, ${list.sort} AS page_sort, ${seq} AS page_seq FROM ${list.from}` +
    (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
    ` ORDER BY ${list.sort} DESC, ${seq} DESC LIMIT ?`;
  const rows = prepared(db, sql).all(...params, page.limit + 1) as Array<Row & { page_sort: string; page_seq: number }>;
  const more = rows.length > page.limit;
  const pageRows = more ? rows.slice(0, page.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    data: pageRows.map(toResource),
    next_cursor: more && last ? encodeCursor(last.page_sort, last.page_seq) : null,
  };
}

/** A comma-separated filter of allowed values ("confirmed,completed"); 422 naming the field otherwise. */
export function enumListParam<T extends string>(query: Query, name: string, allowed: readonly T[]): T[] | undefined {
  const text = queryParam(query, name);
  if (text === undefined || text.trim() === '') return undefined;
  const values = text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  const unknown = values.filter((v) => !(allowed as readonly string[]).includes(v));
  if (unknown.length > 0) {
    throw invalidField(name, `${unknown.map((v) => JSON.stringify(v)).join(', ')} is not one of ${allowed.join(', ')}`);
  }
  return values as T[];
}
