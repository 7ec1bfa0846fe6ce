// Driving an authorization server the way a browser and a person would, without a browser:
// GET the authorize URL, fill in the sign-in/consent page (a standard HTML form: email or
// username, password, hidden inputs kept, the Approve button), follow the redirects with the
// cookies it set, and stop at the redirect_uri to read the code (or the error) from it.
import { createHash, randomBytes } from 'node:crypto';
import { http, type HttpResponse } from './http.js';

export interface Pkce {
  verifier: string;
  challenge: string;
}

/** RFC 7636: a 43-character verifier and its S256 challenge. */
export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface AuthorizeRequest {
  authorizeUrl: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
  /** Sent as code_challenge with code_challenge_method (S256 normally; 'plain' to see it refused). */
  challenge?: { value: string; method: 'S256' | 'plain' };
}

export function authorizeUrl(request: AuthorizeRequest): string {
  const url = new URL(request.authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('scope', request.scope);
  url.searchParams.set('state', request.state);
  if (request.challenge) {
    url.searchParams.set('code_challenge', request.challenge.value);
    url.searchParams.set('code_challenge_method', request.challenge.method);
  }
  return url.toString();
}

export type AuthorizeResult =
  /** Back at the redirect_uri with a code. */
  | { kind: 'code'; code: string; state: string | null; location: string }
  /** Back at the redirect_uri with an error (RFC 6749 §4.1.2.1). */
  | { kind: 'error'; error: string; description: string | null; state: string | null; location: string }
  /** Never sent back: the server answered with a page (or redirected somewhere else). */
  | { kind: 'stopped'; status: number; reason: string; location: string | null };

export interface Login {
  email: string;
  password: string;
}

/** Same address without query or fragment: how the redirect_uri is recognised. */
function sameEndpoint(a: URL, b: URL): boolean {
  return a.origin === b.origin && a.pathname === b.pathname;
}

export async function runAuthorize(request: AuthorizeRequest, login: Login | null, timeoutMs: number): Promise<AuthorizeResult> {
  const cookies = new Map<string, string>();
  const redirect = new URL(request.redirectUri);
  const start = new URL(authorizeUrl(request));
  let next: { url: URL; method: string; form?: Record<string, string> } = { url: start, method: 'GET' };
  let signedIn = false;

  for (let hop = 0; hop < 10; hop++) {
    const response = await http(next.url.toString(), {
      method: next.method,
      headers: {
        Accept: 'text/html,application/xhtml+xml',
        ...(cookies.size > 0 ? { Cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
      },
      form: next.form,
      timeoutMs,
    });
    keepCookies(response, cookies);
    const locationHeader = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && locationHeader) {
      const location = new URL(locationHeader, next.url);
      if (sameEndpoint(location, redirect) && location.href.startsWith(request.redirectUri.split('?')[0]!)) {
        const code = location.searchParams.get('code');
        const state = location.searchParams.get('state');
        if (code) return { kind: 'code', code, state, location: location.href };
        return {
          kind: 'error',
          error: location.searchParams.get('error') ?? '(no error parameter)',
          description: location.searchParams.get('error_description'),
          state,
          location: location.href,
        };
      }
      if (location.origin !== start.origin) {
        return {
          kind: 'stopped',
          status: response.status,
          reason: `redirected to ${location.origin}${location.pathname}, which is neither the server nor the redirect_uri`,
          location: location.href,
        };
      }
      next = { url: location, method: 'GET' };
      continue;
    }
    const form = response.status === 200 ? pickForm(parseForms(response.text), !signedIn) : null;
    if (!form) {
      return {
        kind: 'stopped',
        status: response.status,
        reason: response.status === 200 ? 'the page has no form with an approve button' : pageSummary(response),
        location: locationHeader,
      };
    }
    const fields: Record<string, string> = {};
    for (const input of form.inputs) {
      if (input.kind === 'email') {
        if (!login)
          return {
            kind: 'stopped',
            status: 200,
            reason: 'the page asks to sign in: pass --login-email and --login-password',
            location: null,
          };
        fields[input.name] = login.email;
      } else if (input.kind === 'password') {
        if (!login)
          return {
            kind: 'stopped',
            status: 200,
            reason: 'the page asks to sign in: pass --login-email and --login-password',
            location: null,
          };
        fields[input.name] = login.password;
        signedIn = true;
      } else {
        fields[input.name] = input.value;
      }
    }
    if (form.submit?.name) fields[form.submit.name] = form.submit.value;
    const action = new URL(form.action || next.url.toString(), next.url);
    next = form.method === 'get' ? { url: withQuery(action, fields), method: 'GET' } : { url: action, method: 'POST', form: fields };
  }
  return { kind: 'stopped', status: 0, reason: 'more than 10 redirects and pages without reaching the redirect_uri', location: null };
}

function withQuery(url: URL, fields: Record<string, string>): URL {
  const copy = new URL(url);
  for (const [name, value] of Object.entries(fields)) copy.searchParams.set(name, value);
  return copy;
}

function keepCookies(response: HttpResponse, cookies: Map<string, string>): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const at = pair!.indexOf('=');
    if (at > 0) cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
  }
}

function pageSummary(response: HttpResponse): string {
  const title = /<title>([^<]*)<\/title>/i.exec(response.text)?.[1]?.trim();
  const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/i
    .exec(response.text)?.[1]
    ?.replace(/<[^>]+>/g, '')
    .trim();
  return `HTTP ${response.status}${heading || title ? ` "${decodeEntities(heading || title || '')}"` : ''}`;
}

// ---- a small, forgiving reader of HTML forms ---------------------------------------------

interface FormInput {
  name: string;
  value: string;
  kind: 'email' | 'password' | 'other';
}

interface Form {
  action: string;
  method: 'get' | 'post';
  inputs: FormInput[];
  submit: { name: string | null; value: string; label: string } | null;
  hasPassword: boolean;
}

const APPROVE = /approve|allow|accept|authori[sz]e|grant|consent|continue|sign ?in|log ?in|submit|yes/i;
const REFUSE = /deny|cancel|reject|decline|refuse|\bno\b/i;

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  const inner = tag.replace(/^<\s*[a-z]+/i, '').replace(/\/?>$/, '');
  for (const match of inner.matchAll(/([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
    const raw = match[2] ?? '';
    found[match[1]!.toLowerCase()] = decodeEntities(raw.replace(/^["']|["']$/g, ''));
  }
  return found;
}

export function parseForms(html: string): Form[] {
  const forms: Form[] = [];
  for (const match of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/gi)) {
    const markup = match[0];
    const formTag = attributes(/<form\b[^>]*>/i.exec(markup)![0]);
    const inputs: FormInput[] = [];
    const submits: Array<{ name: string | null; value: string; label: string }> = [];
    for (const tag of markup.matchAll(/<input\b[^>]*>/gi)) {
      const attrs = attributes(tag[0]);
      const type = (attrs.type ?? 'text').toLowerCase();
      if (type === 'submit' || type === 'image') {
        submits.push({ name: attrs.name ?? null, value: attrs.value ?? '', label: attrs.value ?? '' });
        continue;
      }
      if (!attrs.name || ['button', 'reset', 'file'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !('checked' in attrs)) continue;
      const looksLikeLogin = /e-?mail|user(?:name)?|login/i.test(attrs.name) || attrs.autocomplete === 'username';
      const kind = type === 'password' ? 'password' : type === 'email' || (type === 'text' && looksLikeLogin) ? 'email' : 'other';
      inputs.push({ name: attrs.name, value: attrs.value ?? (type === 'checkbox' ? 'on' : ''), kind });
    }
    for (const button of markup.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)) {
      const attrs = attributes(`<button${button[1]}>`);
      if ((attrs.type ?? 'submit').toLowerCase() !== 'submit') continue;
      submits.push({
        name: attrs.name ?? null,
        value: attrs.value ?? '',
        label: decodeEntities(button[2]!.replace(/<[^>]+>/g, '').trim()),
      });
    }
    const approve =
      submits.find((s) => APPROVE.test(`${s.label} ${s.value}`) && !REFUSE.test(`${s.label} ${s.value}`)) ??
      (submits.length === 1 && !REFUSE.test(`${submits[0]!.label} ${submits[0]!.value}`) ? submits[0]! : null);
    forms.push({
      action: formTag.action ?? '',
      method: (formTag.method ?? 'get').toLowerCase() === 'post' ? 'post' : 'get',
      inputs,
      submit: approve,
      hasPassword: inputs.some((input) => input.kind === 'password'),
    });
  }
  return forms;
}

/** The sign-in form first (while not signed in), else the consent form with an approve button. */
function pickForm(forms: Form[], wantSignIn: boolean): Form | null {
  const usable = forms.filter((form) => form.submit !== null || form.hasPassword);
  if (wantSignIn) return usable.find((form) => form.hasPassword) ?? usable.find((form) => form.submit !== null) ?? null;
  return usable.find((form) => form.submit !== null && !form.hasPassword) ?? usable.find((form) => form.submit !== null) ?? null;
}
