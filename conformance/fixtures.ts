// Records the checks need, made or found once per run (Context.memo) and shared by the checks.
import type * as z from 'zod';
import { ApiErrorBody, type Contact } from '../src/contract/index.js';
import { CheckFailed, SkipCheck, verdict, type Outcome } from './check.js';
import type { Context, Studio } from './context.js';
import { brief, type HttpResponse } from './http.js';

/** The response's JSON body, or a failure saying what came instead. */
export function expectStatus(response: HttpResponse, status: number, what: string): any {
  if (response.status !== status)
    throw new CheckFailed(`${what}: ${brief(response)}${response.body === undefined ? ` ${response.text.slice(0, 120)}` : ''}`);
  return response.body;
}

/** `status` with the error envelope of `code` (any code when null): "404 not_found", or what came instead. */
export function expectError(response: HttpResponse, status: number, code: string | null): Outcome {
  const problem = envelopeProblem(response, code);
  // A wrong code is worth saying only when the status was right; a body that is no envelope, always.
  return verdict(
    response.status === status && !problem,
    `${brief(response)}${problem && (code === null || response.status === status) ? `; ${problem}` : ''}`,
  );
}

/** A request a check sends, and how its report names it. */
export interface Attempt {
  method: string;
  path: string;
  json?: unknown;
  label: string;
}

/** Sends each attempt as `studio`: those not answered 404 not_found, as "<label> → <answer>". */
export async function notFoundProblems(ctx: Context, studio: Studio, attempts: Attempt[]): Promise<string[]> {
  const wrong: string[] = [];
  for (const { method, path, json, label } of attempts) {
    const response = await ctx.call(studio, method, path, { json });
    if (response.status !== 404 || envelopeProblem(response, 'not_found')) wrong.push(`${label} → ${brief(response)}`);
  }
  return wrong;
}

/** Every one of `count` requests answered 404 not_found, or what went wrong. */
export const allNotFound = (count: number, wrong: string[]): Outcome =>
  verdict(wrong.length === 0, wrong.length === 0 ? `${count} of ${count} answered 404 not_found` : wrong.join('; '));

/** Whether the body is the API's error envelope with `code` (any code when null). */
export function envelopeProblem(response: HttpResponse, code: string | null): string | null {
  const parsed = ApiErrorBody.safeParse(response.body);
  if (!parsed.success) return `body is not {"error":{code,message,details}}: ${response.text.slice(0, 120)}`;
  if (code !== null && parsed.data.error.code !== code) return `code ${parsed.data.error.code}, not ${code}`;
  return null;
}

/** The fields a 422's details name, or null when details is not an array of {field, message}. */
export function detailFields(response: HttpResponse): string[] | null {
  const details = response.body?.error?.details;
  if (!Array.isArray(details) || !details.every((d) => d && typeof d.field === 'string' && typeof d.message === 'string')) return null;
  return details.map((d: { field: string }) => d.field);
}

/** Zod's first problem, in a line. */
export function zodProblem(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || '(root)'}: ${issue.message}`;
}

export interface Page<T = any> {
  data: T[];
  next_cursor: string | null;
}

export async function page(
  ctx: Context,
  studio: Studio,
  path: string,
  query: Record<string, string | number | undefined> = {},
): Promise<Page> {
  const response = await ctx.call(studio, 'GET', path, { query });
  const body = expectStatus(response, 200, `GET ${path}`);
  if (!body || !Array.isArray(body.data) || !(typeof body.next_cursor === 'string' || body.next_cursor === null)) {
    throw new CheckFailed(`GET ${path}: not a page {data: [...], next_cursor} (${response.text.slice(0, 120)})`);
  }
  return body as Page;
}

/** The index of the first item whose `field` (a time) is later than the one before it; -1 when newest first. */
export function risesAt(items: any[], field: string): number {
  const times = items.map((item) => Date.parse(item[field]));
  return times.findIndex((time, index) => index > 0 && time > times[index - 1]!);
}

/** The studio's currency (GET /v1/me), for bodies that need one. */
export function studioCurrency(ctx: Context): Promise<string> {
  return ctx.memo('currency', async () => {
    const me = expectStatus(await ctx.api('GET', '/v1/me'), 200, 'GET /v1/me');
    const currency = me?.studio?.currency;
    if (typeof currency !== 'string') throw new CheckFailed('GET /v1/me has no studio.currency');
    return currency;
  });
}

export async function createContact(ctx: Context, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Contact> {
  return expectStatus(await ctx.api('POST', '/v1/contacts', { json: body, headers }), 201, 'POST /v1/contacts') as Contact;
}

/** A POST /v1/invoices body with one goods line of `net` and `tax`; `line` adds to the line. */
export function invoiceBody(
  currency: string,
  invoice: { taxRate: string; net: number; tax: number; total: number; description: string; line?: Record<string, unknown> },
): Record<string, unknown> {
  const { taxRate, net, tax, total, description, line } = invoice;
  return {
    tax_rate: taxRate,
    currency,
    prices_include_tax: false,
    net,
    tax,
    total,
    status: 'open',
    lines: [{ kind: 'goods', description, quantity: 1, amount: net, tax, ...line }],
  };
}

/** POST /v1/hooks {target_url, event}; a subscription made is deleted at the end of the run. */
export async function subscribe(
  ctx: Context,
  targetUrl: string,
  event: string,
): Promise<{ response: HttpResponse; hookId: string | null }> {
  const response = await ctx.api('POST', '/v1/hooks', { json: { target_url: targetUrl, event } });
  const hookId = response.status === 201 && typeof response.body?.id === 'string' ? (response.body.id as string) : null;
  if (hookId) ctx.onCleanup(() => ctx.api('DELETE', `/v1/hooks/${hookId}`));
  return { response, hookId };
}

/** Five contacts made one after the other, oldest first; every pagination check reads them. */
export function newestContacts(ctx: Context): Promise<Contact[]> {
  return ctx.memo('newest-contacts', async () => {
    const made: Contact[] = [];
    for (let i = 1; i <= 5; i++) {
      made.push(
        await createContact(ctx, { first_name: `Page${i}`, last_name: ctx.tag, email: `page${i}.${ctx.tag}@conformance.example.com` }),
      );
    }
    return made;
  });
}

/** One contact with every field a filter can find, made once. */
export function filterContact(ctx: Context): Promise<Contact> {
  return ctx.memo('filter-contact', async () => {
    const digits = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
    return createContact(ctx, {
      first_name: 'Zoë',
      last_name: `Kit-${ctx.tag}`,
      email: `Zoe.Kit+${ctx.tag}@Example.COM`,
      phone: `+4477009${digits}`,
    });
  });
}

/** The first records of a list (the studio's own data), or a skip when it has none. */
export async function existing(ctx: Context, path: string, what: string, limit = 25): Promise<any[]> {
  const found = await ctx.memo(`existing:${path}:${limit}`, () => page(ctx, ctx.main, path, { limit }));
  if (found.data.length === 0)
    throw new SkipCheck(`the studio has no ${what} (the API offers no way to make one): use a studio with demo-like data`);
  return found.data;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
