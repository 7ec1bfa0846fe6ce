// docs/openapi.json: generated from the zod contract (scripts/openapi.ts), valid OpenAPI 3.1,
// and the same API the sandbox serves: the same /v1 routes, each needing the scope it names.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { buildOpenApiDocument, OPENAPI_PATH, renderOpenApi } from '../../scripts/openapi.js';
import { issueTokens } from '../../sandbox/oauth/index.js';
import { API_SCOPES } from '../../sandbox/oauth/scopes.js';
import { useSandbox } from '../support/index.js';

type Operation = { security?: Array<Record<string, string[]>> };
const document = buildOpenApiDocument() as { paths: Record<string, Record<string, Operation>>; openapi: string };

/** "GET /v1/contacts/:id" for every operation of the document. */
function documentedRoutes(): Map<string, string> {
  const routes = new Map<string, string>();
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      routes.set(`${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`, operation.security?.[0]?.oauth2?.[0] ?? '');
    }
  }
  return routes;
}

/** Every route fastify serves, from printRoutes' tree ("├── /v1/jobs (GET, HEAD)", "│   └── /:id (GET)"). */
function servedRoutes(tree: string): string[] {
  const routes: string[] = [];
  const prefixes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)(?:├── |└── )(\S+)(?: \(([^)]+)\))?$/u.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = (prefixes[depth - 1] ?? '') + match[2]!;
    prefixes[depth] = path;
    prefixes.length = depth + 1;
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) routes.push(`${method} ${path}`);
  }
  return routes;
}

describe('docs/openapi.json', () => {
  it('is what scripts/openapi.ts generates from the contract (run `npm run openapi` after changing it)', () => {
    const committed = readFileSync(OPENAPI_PATH, 'utf8');
    const generated = renderOpenApi();
    if (committed !== generated) {
      throw new Error(
        'docs/openapi.json is out of date with the zod contract or the route table in scripts/openapi.ts: run `npm run openapi` and commit the result.',
      );
    }
    expect(document.openapi).toBe('3.1.0');
  });

  it('is valid OpenAPI 3.1 with no problem Redocly’s strict rules find', async () => {
    const config = await createConfig({ extends: ['recommended-strict'], rules: { 'info-license': 'off' } });
    const problems = await lintFromString({ source: renderOpenApi(), absoluteRef: OPENAPI_PATH, config });
    expect(problems.map((problem) => `${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer ?? ''}`)).toEqual([]);
  });

  it('the validator is not a rubber stamp: a broken document has problems', async () => {
    const broken = JSON.parse(renderOpenApi());
    broken.paths['/v1/contacts/{id}'].get.parameters = [];
    broken.components.schemas.Contact.properties.id = { type: 'strin' };
    const config = await createConfig({ extends: ['recommended-strict'], rules: { 'info-license': 'off' } });
    const problems = await lintFromString({ source: JSON.stringify(broken), absoluteRef: OPENAPI_PATH, config });
    expect(problems.map((problem) => problem.ruleId).sort()).toEqual(['path-parameters-defined', 'struct']);
  });
});

describe('docs/openapi.json and the sandbox', () => {
  const sandbox = useSandbox();

  it('documents every /v1 route the sandbox serves, and nothing else', () => {
    const served = servedRoutes(sandbox.sandbox.app.printRoutes({ commonPrefix: false }))
      .filter((route) => route.split(' ')[1]!.startsWith('/v1/') && !route.startsWith('HEAD '))
      .sort();
    expect(served.length).toBeGreaterThan(20);
    expect([...documentedRoutes().keys()].sort()).toEqual(served);
  });

  it('names, for every operation, the scope the sandbox requires for it', async () => {
    const db = sandbox.sandbox.context.db;
    const studioId = sandbox.studio.studio_id;
    const userId = (db.prepare('SELECT id FROM users WHERE studio_id = ?').get(studioId) as { id: string }).id;
    const tokenWith = (scopes: string[]) =>
      issueTokens(db, { clientId: sandbox.studio.client_id, userId, studioId, scopes, tokenTtlSeconds: 600 }).access_token;
    const wrong: string[] = [];
    for (const [route, scope] of documentedRoutes()) {
      const [method, path] = route.split(' ') as [string, string];
      const url = `${sandbox.url}${path.replace(/:[a-z_]+/g, 'conformance_missing')}`;
      const call = async (token: string) => (await fetch(url, { method, headers: { Authorization: `Bearer ${token}` } })).status;
      // Everything but the scope (and the :write that includes a :read): refused.
      const others = API_SCOPES.filter((s) => s !== scope && s !== scope.replace(/:read$/, ':write'));
      const without = await call(tokenWith(others));
      const withIt = await call(tokenWith([scope]));
      if (without !== 403 || withIt === 403) wrong.push(`${route} (${scope}): without it ${without}, with it ${withIt}`);
    }
    expect(wrong).toEqual([]);
  });
});
