// The sandbox's arrows point one way: store (rows, SQL) ← events (stored, embedded,
// delivered) ← api (fastify routes) and world (simulation, seed, pricing), with main.ts,
// server.ts and context.ts above them. This reads every sandbox file's imports and fails on an
// import cycle or on an arrow pointing the wrong way.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = normalize(join(dirname(fileURLToPath(import.meta.url)), '../..'));
const sandbox = join(root, 'sandbox');

interface Import {
  from: string;
  to: string;
  /** Erased at run time (`import type`, or every name imported is a type). */
  typeOnly: boolean;
}

function sandboxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sandboxFiles(path);
    return entry.name.endsWith('.ts') ? [relative(root, path)] : [];
  });
}

function importsOf(file: string): { imports: Import[]; packages: string[] } {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, false);
  const imports: Import[] = [];
  const packages: string[] = [];
  for (const statement of source.statements) {
    if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement))) continue;
    const specifier = statement.moduleSpecifier;
    if (!specifier || !ts.isStringLiteral(specifier)) continue;
    if (!specifier.text.startsWith('.')) {
      packages.push(specifier.text);
      continue;
    }
    let typeOnly: boolean;
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((n) => n.isTypeOnly)));
    } else {
      typeOnly = statement.isTypeOnly;
    }
    const to = relative(root, normalize(join(dirname(join(root, file)), specifier.text.replace(/\.js$/, '.ts'))));
    imports.push({ from: file, to, typeOnly });
  }
  return { imports, packages };
}

const files = sandboxFiles(sandbox);
const all = new Map(files.map((file) => [file, importsOf(file)]));
const imports = [...all.values()].flatMap((entry) => entry.imports);

/** Every cycle among the given arrows (each reported once, from its smallest file). */
function cycles(arrows: Import[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of arrows) if (to.startsWith('sandbox/')) next.set(from, [...(next.get(from) ?? []), to]);
  const found = new Set<string>();
  const result: string[][] = [];
  const visit = (path: string[]) => {
    for (const to of next.get(path.at(-1)!) ?? []) {
      const at = path.indexOf(to);
      if (at >= 0) {
        const loop = path.slice(at);
        const start = loop.indexOf([...loop].sort()[0]!);
        const key = [...loop.slice(start), ...loop.slice(0, start)].join(' → ');
        if (!found.has(key)) {
          found.add(key);
          result.push(key.split(' → '));
        }
      } else if (path.length < 40) visit([...path, to]);
    }
  };
  for (const file of next.keys()) visit([file]);
  return result;
}

const layerOf = (file: string): string => {
  if (!file.startsWith('sandbox/')) return 'outside';
  const [, first, second] = file.split('/');
  return second === undefined ? first!.replace(/\.ts$/, '') : first!;
};

describe('the sandbox’s layers', () => {
  it('reads every layer', () => {
    for (const layer of ['store', 'events', 'api', 'world']) expect(files.some((file) => layerOf(file) === layer)).toBe(true);
    expect(imports.length).toBeGreaterThan(100);
  });

  it('has no import cycle, counting type imports too', () => {
    expect(cycles(imports)).toEqual([]);
  });

  it('points store ← events ← api, and store and events ← world', () => {
    const forbidden: Record<string, string[]> = {
      store: ['events', 'api', 'world', 'main', 'server'],
      events: ['api', 'world', 'main', 'server'],
      api: ['world', 'main', 'server'],
      world: ['main', 'server'],
    };
    // The /_sandbox routes live beside the simulation they drive; the fastify app mounts them.
    const allowed = new Set(['sandbox/api/app.ts → sandbox/world/simulation.ts']);
    const wrong = imports
      .filter(({ from, to }) => forbidden[layerOf(from)]?.includes(layerOf(to)))
      .map(({ from, to }) => `${from} → ${to}`)
      .filter((arrow) => !allowed.has(arrow));
    expect(wrong).toEqual([]);
  });

  it('keeps HTTP out of storage and events', () => {
    const web = [...all.entries()]
      .filter(([file]) => ['store', 'events'].includes(layerOf(file)))
      .flatMap(([file, { packages }]) => packages.filter((name) => name === 'fastify' || name.startsWith('@fastify/')).map(() => file));
    expect(web).toEqual([]);
  });

  it('keeps SQL in storage: routes and the outside world call store functions', () => {
    const sql = files.filter(
      (file) => ['api', 'world'].includes(layerOf(file)) && /\bprepared\(|\.prepare\(/.test(readFileSync(join(root, file), 'utf8')),
    );
    expect(sql).toEqual([]);
  });

  it('gives rows their type in one place (store/sqlite.ts: allRows, oneRow), never by a double cast', () => {
    const casts = files.filter((file) => /\.(all|get)\([^)]*\)\s*as unknown as/.test(readFileSync(join(root, file), 'utf8')));
    expect(casts).toEqual([]);
  });

  it('finds a cycle and a wrong arrow when there is one', () => {
    const planted: Import[] = [
      { from: 'sandbox/store/a.ts', to: 'sandbox/events/b.ts', typeOnly: false },
      { from: 'sandbox/events/b.ts', to: 'sandbox/store/a.ts', typeOnly: true },
    ];
    expect(cycles(planted)).toEqual([['sandbox/events/b.ts', 'sandbox/store/a.ts']]);
    expect(layerOf('sandbox/store/a.ts')).toBe('store');
    expect(layerOf('sandbox/context.ts')).toBe('context');
  });
});
