// The kit's command line: flags, the CONFORMANCE_* variables, and usage errors.
import { describe, expect, it } from '@jest/globals';
import { parseCli, UsageError } from '../../conformance/options.js';
import { CHECKS, selectChecks } from '../../conformance/runner.js';

describe('npm run conformance -- …', () => {
  it('reads flags, and each flag from CONFORMANCE_<FLAG> when it is not given', () => {
    const command = parseCli(['--url', 'https://api.example.test/', '--other-token', 'flag', '--grace-seconds', '2', '--only', 'oauth, webhooks', '--json'], {
      CONFORMANCE_TOKEN: 'from-env',
      CONFORMANCE_OTHER_TOKEN: 'env-loses',
      CLIENT_ID: 'legacy-client',
    });
    expect(command).toMatchObject({
      kind: 'run',
      json: true,
      options: { url: 'https://api.example.test', token: 'from-env', otherToken: 'flag', clientId: 'legacy-client', graceSeconds: 2, only: ['oauth', 'webhooks'] },
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

  it('selects by group and by check id', () => {
    expect(selectChecks(['oauth'], ['oauth.reuse-after-grace']).every((check) => check.group === 'oauth' && check.id !== 'oauth.reuse-after-grace')).toBe(true);
    expect(selectChecks(['errors.no-token'], undefined).map((check) => check.id)).toEqual(['errors.no-token']);
    expect(new Set(CHECKS.map((check) => check.id)).size).toBe(CHECKS.length);
  });
});
