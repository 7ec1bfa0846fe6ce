// `npm run sandbox [-- --scale N]`: the Studio API sandbox on SANDBOX_PORT (default 4010;
// 0 = any free port), data in SANDBOX_DB (default .sandbox/studio.db; ':memory:' allowed).
// A fresh database gets the demo studio "Northlight Photography", whose credentials are
// printed once, with the console's address. The first line printed is always the URL (scripts wait for it).
// SANDBOX_MODE=production (webhooks to public https targets only; POST /_sandbox/studios needs
// SANDBOX_ADMIN_TOKEN, or is off without one), SANDBOX_ISSUER=https://… (the OAuth issuer:
// the public origin clients use; default the listening address).
import { openDatabase } from './store/db.js';
import { DEFAULT_REFRESH_GRACE_SECONDS } from './oauth/grants.js';
import { DEMO_STUDIO, seedDemo, seedScale } from './world/seed.js';
import { DEFAULT_TOKEN_TTL_SECONDS, startSandbox } from './server.js';
import { createStudio, type StudioCredentials } from './store/studios.js';
import { plantedBugFromEnv } from './planted-bugs.js';
import { DEFAULT_RATE_LIMIT, parseRateLimit } from './api/rate-limit.js';

function numberFromEnv(name: string, fallback: number): number {
  const text = process.env[name]?.trim();
  if (!text) return fallback;
  if (!/^\d+$/.test(text)) throw new Error(`${name} must be a whole number, not ${JSON.stringify(text)}`);
  return Number(text);
}

function scaleFromArgs(argv: string[]): number {
  const index = argv.findIndex((arg) => arg === '--scale' || arg.startsWith('--scale='));
  const text = index === -1 ? process.env.SANDBOX_SCALE : argv[index]!.includes('=') ? argv[index]!.split('=')[1] : argv[index + 1];
  if (text === undefined || text.trim() === '') return 0;
  if (!/^\d+$/.test(text.trim())) throw new Error(`--scale needs a whole number, not ${JSON.stringify(text)}`);
  return Number(text.trim());
}

async function main(): Promise<void> {
  const port = numberFromEnv('SANDBOX_PORT', 4010);
  const dbPath = process.env.SANDBOX_DB?.trim() || '.sandbox/studio.db';
  const tokenTtlSeconds = numberFromEnv('SANDBOX_TOKEN_TTL', DEFAULT_TOKEN_TTL_SECONDS);
  const refreshGraceSeconds = numberFromEnv('SANDBOX_REFRESH_GRACE', DEFAULT_REFRESH_GRACE_SECONDS);
  const retryDelays = process.env.SANDBOX_WEBHOOK_RETRY_MS?.trim();
  const scale = scaleFromArgs(process.argv.slice(2));
  const rateLimitText = process.env.SANDBOX_RATE_LIMIT?.trim();
  const rateLimit = rateLimitText ? parseRateLimit(rateLimitText) : DEFAULT_RATE_LIMIT;
  const plantedBug = plantedBugFromEnv(process.env);
  // The target policy follows SANDBOX_MODE unless SANDBOX_WEBHOOK_TARGETS says otherwise.
  const targets = process.env.SANDBOX_WEBHOOK_TARGETS?.trim() || undefined;
  if (targets !== undefined && targets !== 'development' && targets !== 'production') {
    throw new Error(`SANDBOX_WEBHOOK_TARGETS must be development or production, not ${JSON.stringify(targets)}`);
  }
  const allowedOrigins = (process.env.SANDBOX_WEBHOOK_ALLOW ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  const modeText = process.env.SANDBOX_MODE?.trim() || 'development';
  if (modeText !== 'development' && modeText !== 'production')
    throw new Error(`SANDBOX_MODE must be development or production, not ${JSON.stringify(modeText)}`);
  const adminToken = process.env.SANDBOX_ADMIN_TOKEN?.trim() || undefined;
  if (adminToken !== undefined && adminToken.length < 24)
    throw new Error('SANDBOX_ADMIN_TOKEN must be at least 24 characters (a random secret).');
  const issuer = process.env.SANDBOX_ISSUER?.trim().replace(/\/+$/, '') || undefined;

  // Seed before the server opens, so the very first request already sees the demo studio.
  // ':memory:' lives inside one connection, so it is seeded through the server's own database.
  let demo: StudioCredentials | null = null;
  let seededMs = 0;
  const seed = (db: ReturnType<typeof openDatabase>) => {
    const fresh = (db.prepare('SELECT COUNT(*) AS n FROM studios').get() as { n: number }).n === 0;
    if (!fresh) return;
    const started = performance.now();
    demo = createStudio(
      db,
      { ...DEMO_STUDIO, seed: 'demo' },
      {
        tokenTtlSeconds,
        fill: (studioId) => {
          seedDemo(db, studioId);
          if (scale > 0) seedScale(db, studioId, scale);
        },
      },
    );
    seededMs = performance.now() - started;
  };
  if (dbPath !== ':memory:') {
    const db = openDatabase(dbPath);
    seed(db);
    db.close();
  }

  const sandbox = await startSandbox({
    port,
    host: '127.0.0.1',
    dbPath,
    tokenTtlSeconds,
    refreshGraceSeconds,
    logLevel: process.env.SANDBOX_LOG_LEVEL?.trim() || 'info',
    logStream: process.stderr,
    rateLimit,
    plantedBug,
    webhookTargets: targets,
    webhookAllowedOrigins: allowedOrigins,
    webhookRetryDelaysMs: retryDelays ? retryDelays.split(',').map((ms) => Number(ms.trim())) : undefined,
    mode: modeText,
    adminToken,
    issuer,
  });
  if (dbPath === ':memory:') seed(sandbox.context.db);

  process.stdout.write(`Studio API sandbox listening on ${sandbox.url}\n`);
  if (plantedBug)
    process.stderr.write(`SANDBOX_PLANTED_BUG=${plantedBug}: this sandbox is broken on purpose (for testing the conformance kit).\n`);
  const credentials = demo as StudioCredentials | null;
  if (credentials) {
    process.stdout.write(
      [
        `Demo studio "${DEMO_STUDIO.name}" seeded in ${Math.round(seededMs)} ms${scale > 0 ? ` (+${scale} contacts, ${scale * 10} orders)` : ''}:`,
        `  studio_id      ${credentials.studio_id}`,
        `  user_email     ${credentials.user_email}`,
        `  user_password  ${credentials.user_password}`,
        `  client_id      ${credentials.client_id}`,
        `  client_secret  ${credentials.client_secret}`,
        `  access_token   ${credentials.access_token}`,
        `  refresh_token  ${credentials.refresh_token}`,
        `Console: ${sandbox.url}/ (sign in as ${credentials.user_email} / ${credentials.user_password})`,
        '',
      ].join('\n'),
    );
  } else {
    process.stdout.write(
      `Database ${dbPath} already has studios; their credentials were printed when it was created. ` +
        'Delete it for a fresh demo studio, or POST /_sandbox/studios for a new one.\n' +
        `Console: ${sandbox.url}/ (sign in with a studio's user_email and user_password)\n`,
    );
  }

  const shutdown = () => {
    void sandbox.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`The sandbox could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
