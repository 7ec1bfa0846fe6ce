// The kit's command line: flags, the CONFORMANCE_* variables, and usage errors.
import { describe, expect, it } from '@jest/globals';
import { BOOLEAN_FLAGS, HELP, parseCli, STRING_FLAGS, UsageError } from '../../conformance/options.js';
import { fixList } from '../../conformance/report.js';
import { CHECKS, selectChecks } from '../../conformance/runner.js';

describe('npm run conformance -- …', () => {
  it('reads flags, and each flag from CONFORMANCE_<FLAG> when it is not given', () => {
    const command = parseCli(
      ['--url', 'https://api.example.test/', '--other-token', 'flag', '--grace-seconds', '2', '--only', 'oauth, webhooks', '--json'],
      {
        CONFORMANCE_TOKEN: 'from-env',
        CONFORMANCE_OTHER_TOKEN: 'env-loses',
        CLIENT_ID: 'legacy-client',
      },
    );
    expect(command).toMatchObject({
      kind: 'run',
      json: true,
      options: {
        url: 'https://api.example.test',
        token: 'from-env',
        otherToken: 'flag',
        clientId: 'legacy-client',
        graceSeconds: 2,
        only: ['oauth', 'webhooks'],
      },
    });
  });

  it('says what is wrong with a command line', () => {
    expect(() => parseCli([], {})).toThrow(new UsageError('--url is required (the Studio API base URL, e.g. http://127.0.0.1:4010)'));
    expect(() => parseCli(['--url', 'x', '--bogus'], {})).toThrow(UsageError);
    expect(() => parseCli(['--url', 'http://a.test', '--burst', 'many'], {})).toThrow(/--burst must be a number/);
    expect(() => parseCli(['--url', 'http://a.test', '--authorization-code', 'c'], {})).toThrow(/--code-verifier/);
    expect(() => selectChecks(['nonsense'], undefined)).toThrow(/unknown group or check "nonsense"/);
    expect(parseCli(['--help'], {})).toEqual({ kind: 'help' });
  });

  it('documents every flag in --help, and every group', () => {
    for (const flag of [...STRING_FLAGS, ...BOOLEAN_FLAGS]) {
      expect(HELP).toMatch(new RegExp(`--${flag}\\b`));
    }
    expect(HELP).toMatch(/--max-wait N +the longest the kit waits/);
    for (const group of new Set(CHECKS.map((check) => check.group))) expect(HELP).toContain(group);
  });

  it('reads --max-wait and --expired-token', () => {
    expect(parseCli(['--url', 'http://a.test', '--max-wait', '40', '--expired-token', 'old'], {})).toMatchObject({
      options: { maxWaitSeconds: 40, expiredToken: 'old' },
    });
  });

  it('selects by group and by check id', () => {
    expect(
      selectChecks(['oauth'], ['oauth.reuse-after-grace']).every(
        (check) => check.group === 'oauth' && check.id !== 'oauth.reuse-after-grace',
      ),
    ).toBe(true);
    expect(selectChecks(['errors.no-token'], undefined).map((check) => check.id)).toEqual(['errors.no-token']);
    expect(new Set(CHECKS.map((check) => check.id)).size).toBe(CHECKS.length);
  });

  it('ends a run that failed with what to fix, in plain words, one item per failed check', () => {
    const rows = [
      {
        group: 'writes' as const,
        check: 'writes.gallery-limit',
        expected: 'an 11th → 409',
        observed: 'the 11th → 201',
        status: 'fail' as const,
        ms: 1,
        fix: 'Refuse the 11th gallery of a job with 409 gallery_limit_reached.',
      },
      { group: 'errors' as const, check: 'errors.no-token', expected: '401', observed: '401', status: 'pass' as const, ms: 1 },
    ];
    expect(fixList(rows)).toBe(
      'What to fix (docs/studio-api.md has each rule):\n  1. writes.gallery-limit: Refuse the 11th gallery of a job with 409 gallery_limit_reached.\n     it answered: the 11th → 201',
    );
    expect(fixList(rows.slice(1))).toBe('');
  });
});
