// `npm run conformance -- --url <api> …`: the Studio API conformance kit's command line. The
// table goes to stdout (or JSON with --json), progress to stderr; exit 0 when nothing failed,
// 1 when a check failed, 2 on a usage or set-up error. `--help` lists the flags.
import { randomBytes } from 'node:crypto';
import { authorizeUrl, pkce } from './oauth-login.js';
import { DEFAULT_REDIRECT_URI, DEFAULT_SCOPE, HELP, parseCli, UsageError } from './options.js';
import { fixList, formatTable, summaryLine, totals } from './report.js';
import { CHECKS, runConformance } from './runner.js';

// Piped into `head` and the like: a closed stdout ends the run quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

async function main(argv: string[]): Promise<number> {
  let command;
  try {
    command = parseCli(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`conformance: ${error.message}\nRun with --help for the flags.\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (command.kind === 'list') {
    for (const check of CHECKS) process.stdout.write(`${check.id.padEnd(36)} ${check.expected}\n`);
    return 0;
  }
  if (command.kind === 'print-authorize-url') {
    const o = command.options;
    const { verifier, challenge } = pkce();
    const url = authorizeUrl({
      authorizeUrl: o.authorizeUrl ?? `${o.url}/oauth/authorize`,
      clientId: o.clientId!,
      redirectUri: o.redirectUri ?? DEFAULT_REDIRECT_URI,
      scope: o.scope ?? DEFAULT_SCOPE,
      state: randomBytes(12).toString('base64url'),
      challenge: { value: challenge, method: 'S256' },
    });
    process.stdout.write(
      `Open this URL, sign in and approve; copy the code= from the address you are sent back to:\n\n  ${url}\n\nThen run the kit with:\n\n  --authorization-code <code> --code-verifier ${verifier}\n\n(The code works once, for about a minute on the sandbox.)\n`,
    );
    return 0;
  }

  const { options, json } = command;
  let result;
  try {
    result = await runConformance({
      ...options,
      progress: json
        ? undefined
        : (row) => process.stderr.write(`${row.status === 'fail' ? 'FAIL' : row.status} ${row.check} (${row.ms} ms)\n`),
    });
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`conformance: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`conformance: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const { rows, notes } = result;
  if (json) {
    process.stdout.write(`${JSON.stringify({ url: options.url, notes, totals: totals(rows), rows }, null, 2)}\n`);
  } else {
    for (const note of notes) process.stdout.write(`• ${note}\n`);
    const fixes = fixList(rows);
    process.stdout.write(`\n${formatTable(rows)}\n\n${fixes ? `${fixes}\n\n` : ''}${summaryLine(rows)}\n`);
  }
  return totals(rows).failed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`conformance: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
