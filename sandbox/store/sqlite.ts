// node:sqlite, loaded through process.getBuiltinModule: jest's resolver does not know the
// `node:sqlite` builtin (it is missing from module.builtinModules on Node 22), so a static
// `import { DatabaseSync } from 'node:sqlite'` breaks every test that starts a sandbox.
// Type-only imports of 'node:sqlite' are fine anywhere (they are erased).
import type * as Sqlite from 'node:sqlite';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';

function loadSqlite(): typeof Sqlite {
  // Node prints an ExperimentalWarning the first time node:sqlite loads; the sandbox's first
  // line of output is a contract (the listening URL), so keep that one warning quiet.
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (/SQLite is an experimental feature/.test(text)) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return process.getBuiltinModule('node:sqlite') as typeof Sqlite;
  } finally {
    process.emitWarning = emitWarning;
  }
}

export const sqlite = loadSqlite();

export type { DatabaseSync, StatementSync };

const statementCache = new WeakMap<DatabaseSync, Map<string, StatementSync>>();

/** A prepared statement, compiled once per database and SQL text. */
export function prepared(db: DatabaseSync, sql: string): StatementSync {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/**
 * The rows a SELECT returns, as the caller's row type: `Row` names the columns the SELECT
 * lists, and node:sqlite returns each row as a plain record of them. The one place a row is
 * given its type, so no caller casts.
 */
export function allRows<Row extends object>(statement: StatementSync, ...params: SQLInputValue[]): Row[] {
  return statement.all(...params) as Row[];
}

/** The first row a SELECT returns (or undefined), typed as allRows types every row. */
export function oneRow<Row extends object>(statement: StatementSync, ...params: SQLInputValue[]): Row | undefined {
  return statement.get(...params) as Row | undefined;
}

/** Runs fn in a transaction, or inside the caller's when one is already open. */
export function transaction<T>(db: DatabaseSync, fn: () => T): T {
  if (db.isTransaction) return fn();
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
