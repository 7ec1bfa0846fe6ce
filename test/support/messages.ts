// Every message the app shows a person, collected from every test file: jest runs this file
// (setupFilesAfterEnv) in each test file's module registry, the one the app's
// zapier-platform-core lives in, and wraps core's two ways of running an operation
// (`createAppTester`, and `createAppHandler`, Zapier's runtime entry), so every failure that
// leaves a step (what Zapier shows in Zap History or the editor) is seen whatever the suite
// drives the app through: faults, fuzzing, replays, ambiguous matches, bad input. An error the
// app makes and handles itself is never shown, so it is not collected.
//
// When the file ends, each message must say what to do within its first 250 characters, where
// Zapier cuts an error off (test/support/advice.ts says how that is judged); otherwise the file
// fails, naming the message and the test that made it. Every message is also written to
// test-results/messages/<file>.jsonl (git-ignored), to read them all.
import { afterAll, expect } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import zapier from 'zapier-platform-core';
import { ZAPIER_CUTOFF, adviceWithinCutoff, shownMessage, tolerated } from './advice.js';

interface Shown {
  kind: string;
  code: string | undefined;
  message: string;
  test: string;
}

const shown: Shown[] = [];
const INSTALLED = Symbol.for('studio.test.messages');

function record(error: unknown): void {
  const message = shownMessage(error);
  if (message === null) return;
  const { name, code } = error as Error & { code?: unknown };
  shown.push({
    kind: name,
    code: typeof code === 'string' ? code : undefined,
    message,
    test: expect.getState().currentTestName ?? '(outside a test)',
  });
}

type Runner = (...args: never[]) => Promise<unknown>;
const recording =
  <R extends Runner>(run: R) =>
  (...args: Parameters<R>) =>
    run(...args).catch((error: unknown) => {
      record(error);
      throw error;
    });

const core = zapier as unknown as Record<string | symbol, unknown> & {
  createAppTester: (...args: never[]) => Runner;
  createAppHandler: (...args: never[]) => Runner;
};
if (!core[INSTALLED]) {
  core[INSTALLED] = true;
  const { createAppTester, createAppHandler } = core;
  core.createAppTester = (...args) => recording(createAppTester(...args));
  core.createAppHandler = (...args) => recording(createAppHandler(...args));
}

afterAll(() => {
  const file = expect.getState().testPath ?? 'unknown';
  if (shown.length > 0) {
    const dir = resolve(import.meta.dirname, '../../test-results/messages');
    mkdirSync(dir, { recursive: true });
    const lines = shown.map((m) =>
      JSON.stringify({
        file: file.replace(/^.*?\/test\//, 'test/'),
        ...m,
        length: m.message.length,
        advice: adviceWithinCutoff(m.message),
      }),
    );
    writeFileSync(resolve(dir, `${basename(file)}.jsonl`), `${lines.join('\n')}\n`);
  }
  const unreadable = shown.filter((m) => !adviceWithinCutoff(m.message) && !tolerated(m));
  if (unreadable.length > 0) {
    const list = unreadable
      .map((m) => `- ${m.kind}${m.code ? ` (${m.code})` : ''} in "${m.test}", ${m.message.length} characters:\n  ${m.message}`)
      .join('\n');
    throw new Error(
      `${unreadable.length} message(s) this file made the app show do not say what to do within the first ${ZAPIER_CUTOFF} characters, where Zapier cuts them off:\n${list}`,
    );
  }
});
