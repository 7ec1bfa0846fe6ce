// The demo's step-by-step report: numbered steps with their result and time, readable in a
// terminal and in a CI log alike (no cursor tricks; colour only on a TTY).
import type { Writable } from 'node:stream';
import type { StudioCredentials } from '../sandbox/store/studios.js';

export interface Report {
  title(text: string): void;
  facts(rows: Array<[string, string]>): void;
  workflow(name: string, story: string): void;
  step<T>(label: string, run: () => Promise<T>, describe: (result: T) => string): Promise<T>;
  failure(error: unknown): void;
  summary(failed: boolean): void;
  next(url: string, studio: StudioCredentials, commands: string[]): void;
}

export function createReport(out: Writable & { isTTY?: boolean }): Report {
  const colour = Boolean(out.isTTY) && !process.env.NO_COLOR;
  const paint = (code: string) => (text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const bold = paint('1');
  const dim = paint('2');
  const green = paint('32');
  const red = paint('31');
  const write = (text = '') => out.write(`${text}\n`);

  let workflowNumber = 0;
  let stepNumber = 0;
  let steps = 0;
  const started = performance.now();

  return {
    title(text) {
      write(bold(text));
      write();
    },
    facts(rows) {
      const width = Math.max(...rows.map(([name]) => name.length));
      for (const [name, value] of rows) write(`  ${dim(name.padEnd(width))}  ${value}`);
    },
    workflow(name, story) {
      workflowNumber += 1;
      stepNumber = 0;
      write();
      write(bold(`Workflow ${workflowNumber} · ${name}`));
      write(dim(`  ${story}`));
    },
    async step(label, run, describe) {
      stepNumber += 1;
      steps += 1;
      write(`  ${String(stepNumber).padStart(2)}. ${label}`);
      const start = performance.now();
      const result = await run();
      const detail = describe(result);
      write(`      ${green('✔')} ${detail} ${dim(`(${Math.round(performance.now() - start)} ms)`)}`);
      return result;
    },
    failure(error) {
      write(`      ${red('✖')} ${error instanceof Error ? error.message : String(error)}`);
    },
    summary(failed) {
      write();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      write(
        failed
          ? red(bold(`The demo stopped at a failing step (${seconds} s).`))
          : green(bold(`All ${workflowNumber} workflows passed: ${steps} steps in ${seconds} s.`)),
      );
    },
    next(url, studio, commands) {
      write();
      write(bold('The sandbox keeps running, so you can try the app yourself:'));
      write(`  ${dim('console')}    ${url}/   (the ${workflowNumber} workflows' jobs, orders, invoices, events and deliveries, as pages)`);
      write(
        `  ${dim('sign in')}    ${studio.user_email} / ${studio.user_password} (the console, and the consent page at ${url}/oauth/authorize)`,
      );
      write(`  ${dim('API')}        ${url}`);
      write(`  ${dim('.env')}       STUDIO_API_URL, CLIENT_ID, CLIENT_SECRET and the demo studio's tokens, written for invoke`);
      write();
      for (const command of commands) write(`  ${command}`);
      write();
      write(dim('Ctrl-C stops the sandbox.'));
    },
  };
}
