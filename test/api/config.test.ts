// STUDIO_API_URL: no default host (whatever answers receives the client secret and every
// user's tokens), https only, plain http only to this machine.
import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import App from '../../index.js';
import { apiBaseUrl, ConfigurationError } from '../../src/api/config.js';
import { runOperation } from '../support/index.js';

const saved = process.env.STUDIO_API_URL;
afterEach(() => {
  process.env.STUDIO_API_URL = saved;
});

const withUrl = (value: string | undefined) => {
  if (value === undefined) delete process.env.STUDIO_API_URL;
  else process.env.STUDIO_API_URL = value;
  return () => apiBaseUrl();
};

describe('STUDIO_API_URL', () => {
  it.each([undefined, '', '   '])('missing (%j) is a configuration error naming the variable and env:set', (value) => {
    expect(withUrl(value)).toThrow(ConfigurationError);
    expect(withUrl(value)).toThrow(/STUDIO_API_URL is not set.*zapier-platform env:set/s);
  });

  it.each([
    'http://api.studio.example',
    'http://10.0.0.7:8080',
    'ftp://api.studio.example',
    'http://127.0.0.1.evil.example',
    'http://localhost.evil.example',
    'not a url',
  ])('refuses %s', (value) => {
    expect(withUrl(value)).toThrow(ConfigurationError);
  });

  it.each([
    ['https://api.studio.example/', 'https://api.studio.example'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://localhost:4010/', 'http://localhost:4010'],
    ['http://[::1]:4010', 'http://[::1]:4010'],
  ])('accepts %s', (value, base) => {
    expect(withUrl(value)()).toBe(base);
  });

  it('never accepts plain http to a host that is not this machine', () => {
    fc.assert(
      fc.property(fc.domain(), (host) => {
        fc.pre(host !== 'localhost');
        expect(withUrl(`http://${host}`)).toThrow(ConfigurationError);
        expect(withUrl(`https://${host}`)()).toBe(`https://${host}`);
      }),
    );
  });

  it('a step without it fails before any request, with the advice, as a Zapier error', async () => {
    delete process.env.STUDIO_API_URL;
    const failure = runOperation(App.searches.find_contact.operation.perform, {
      authData: { access_token: 'at' },
      inputData: { email: 'a@example.com' },
    });
    await expect(failure).rejects.toMatchObject({ name: 'AppError' });
    await expect(failure).rejects.toThrow(/STUDIO_API_URL is not set/);
  });

  it('connecting without it fails with the same advice', async () => {
    delete process.env.STUDIO_API_URL;
    const authorizeUrl = App.authentication!.oauth2Config!.authorizeUrl;
    await expect(runOperation(authorizeUrl, { inputData: { state: 's', redirect_uri: 'http://localhost:9000/cb' } })).rejects.toThrow(
      /STUDIO_API_URL is not set/,
    );
  });
});
