// /v1/invoices: list, get, create; a create publishes its event.
import type { FastifyInstance } from 'fastify';
import { callerOf, type SandboxContext } from '../context.js';
import { invalid, invalidField, notFound } from '../errors.js';
import { planted } from '../planted-bugs.js';
import { publishEvent } from '../events/events.js';
import { pageRequest, queryParam, type Query } from '../store/pagination.js';
import { transaction } from '../store/sqlite.js';
import { parseBody, pathParam } from './validation.js';
import { taxRateProblems, invoiceMoneyProblems, referenceProblems, insertInvoice } from '../store/invoices.js';
import { findInvoice } from '../store/invoices.js';
import { InvoiceCreate } from '../../src/contract/invoices.js';
import { strict } from './validation.js';
import { INVOICE_FILTERS, type InvoiceFilter, listInvoices } from '../store/invoices.js';

const InvoiceCreateStrict = strict(InvoiceCreate);

export function registerInvoiceRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  api.get('/v1/invoices', { config: { scope: 'invoices:read' } }, async (request) => {
    const { studioId } = callerOf(request);
    const query = request.query as Query;
    const filter: InvoiceFilter = {};
    // source_app and source_reference: the invoices of an order booked from another app; they
    // filter together (one alone would match another app's order of the same number).
    const sourceApp = queryParam(query, 'source_app') ?? '';
    const sourceReference = queryParam(query, 'source_reference') ?? '';
    if ((sourceApp === '') !== (sourceReference === '') && !planted(ctx, 'source-filter-half')) {
      // planted bug: source-filter-half
      const missing = sourceApp === '' ? 'source_app' : 'source_reference';
      throw invalidField(
        missing,
        `is needed with ${missing === 'source_app' ? 'source_reference' : 'source_app'}: an order of another app is found by both together`,
      );
    }
    for (const field of INVOICE_FILTERS) {
      const value = queryParam(query, field);
      if (value !== undefined && value !== '') filter[field] = value;
    }
    return listInvoices(ctx.db, studioId, filter, pageRequest(query));
  });

  api.get('/v1/invoices/:id', { config: { scope: 'invoices:read' } }, async (request) => {
    const { studioId } = callerOf(request);
    const id = pathParam(request.params, 'id');
    const invoice = findInvoice(ctx.db, studioId, id);
    if (!invoice) throw notFound('invoice', id);
    return invoice;
  });

  api.post('/v1/invoices', { config: { scope: 'invoices:write' } }, async (request, reply) => {
    const { studioId } = callerOf(request);
    const input = parseBody(InvoiceCreateStrict, request.body);
    const invoice = transaction(ctx.db, () => {
      const money = invoiceMoneyProblems(input);
      // planted bug: zero-rate-invoice-with-tax (the rate not checked)
      const rate = money.length > 0 || planted(ctx, 'zero-rate-invoice-with-tax') ? [] : taxRateProblems(input);
      const problems = [...money, ...rate, ...referenceProblems(ctx.db, studioId, input)];
      if (problems.length > 0) throw invalid(problems);
      return insertInvoice(ctx.db, studioId, input);
    });
    // planted bug: invoice-event-without-contact (published as if the invoice had neither)
    publishEvent(
      ctx,
      studioId,
      'invoice.created',
      planted(ctx, 'invoice-event-without-contact') ? { ...invoice, contact_id: null, job_id: null } : invoice,
    );
    reply.code(201);
    return invoice;
  });
}
