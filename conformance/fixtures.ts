// Records the checks need, made or found once per run (Context.memo) and shared by the checks.
import type { z } from 'zod';
import { ApiErrorBody, type Contact } from '../src/api/contract.js';
import { CheckFailed, SkipCheck } from './check.js';
import type { Context, Studio } from './context.js';
import { brief, type HttpResponse } from './http.js';

/** The response's JSON body, or a failure saying what came instead. */
export function expectStatus(response: HttpResponse, status: number, what: string): any {
  if (response.status !== status) throw new CheckFailed(`${what}: ${brief(response)}${response.body === undefined ? ` ${response.text.slice(0, 120)}` : ''}`);
  return response.body;
}

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

export async function page(ctx: Context, studio: Studio, path: string, query: Record<string, string | number | undefined> = {}): Promise<Page> {
  const response = await ctx.call(studio, 'GET', path, { query });
  const body = expectStatus(response, 200, `GET ${path}`);
  if (!body || !Array.isArray(body.data) || !(typeof body.next_cursor === 'string' || body.next_cursor === null)) {
    throw new CheckFailed(`GET ${path}: not a page {data: [...], next_cursor} (${response.text.slice(0, 120)})`);
  }
  return body as Page;
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

/** Five contacts made one after the other, oldest first; every pagination check reads them. */
export function newestContacts(ctx: Context): Promise<Contact[]> {
  return ctx.memo('newest-contacts', async () => {
    const made: Contact[] = [];
    for (let i = 1; i <= 5; i++) {
      made.push(await createContact(ctx, { first_name: `Page${i}`, last_name: ctx.tag, email: `page${i}.${ctx.tag}@conformance.example.com` }));
    }
    return made;
  });
}

/** One contact with every field a filter can find, made once. */
export function filterContact(ctx: Context): Promise<Contact> {
  return ctx.memo('filter-contact', async () => {
    const digits = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
    return createContact(ctx, { first_name: 'Zoë', last_name: `Kit-${ctx.tag}`, email: `Zoe.Kit+${ctx.tag}@Example.COM`, phone: `+4477009${digits}` });
  });
}

/** The first records of a list (the studio's own data), or a skip when it has none. */
export async function existing(ctx: Context, path: string, what: string, limit = 25): Promise<any[]> {
  const found = await ctx.memo(`existing:${path}:${limit}`, () => page(ctx, ctx.main, path, { limit }));
  if (found.data.length === 0) throw new SkipCheck(`the studio has no ${what} (the API offers no way to make one): use a studio with demo-like data`);
  return found.data;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
