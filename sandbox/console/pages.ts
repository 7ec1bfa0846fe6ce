// The console's pages, server-rendered with `html` (web/html.ts): every value is escaped
// unless it is markup built here. No script at all; the stylesheet is /console/style.css.
// Money is shown with the currency's minor units (formatMoney), times in the studio's time zone.
import type { StudioEvent } from '../../src/contract/hooks.js';
import type { Invoice } from '../../src/contract/invoices.js';
import { MAX_GALLERIES_PER_JOB } from '../../src/contract/jobs.js';
import type { Order } from '../../src/contract/orders.js';
import { formatMoney } from '../../src/domain/currency.js';
import { taxSummary } from '../world/order-totals.js';
import { ALERT_ICON, alertBlock, csrfField, html, htmlDocument, LOGO_MARK, SafeHtml, signInFields } from '../web/html.js';
import type { ClientView, DeliveryView, FamilyView, JobView, Listing, OrderView, SourcedOrderView, SubscriptionView } from './queries.js';
import type { Flash } from './session.js';

export const CONSOLE_PATHS = {
  home: '/',
  signIn: '/console/sign-in',
  signOut: '/console/sign-out',
  style: '/console/style.css',
  jobs: '/console/jobs',
  orders: '/console/orders',
  order: (id: string) => `/console/orders/${encodeURIComponent(id)}`,
  events: '/console/events',
  connections: '/console/connections',
  payments: '/console/payments',
  galleryImages: (id: string) => `/console/galleries/${encodeURIComponent(id)}/images`,
  galleryPublish: (id: string) => `/console/galleries/${encodeURIComponent(id)}/publish`,
  galleryVisitors: (id: string) => `/console/galleries/${encodeURIComponent(id)}/visitors`,
  galleryInvites: (id: string) => `/console/galleries/${encodeURIComponent(id)}/invites`,
  resend: '/console/deliveries/resend',
} as const;

const NAV = [
  { key: 'jobs', label: 'Jobs', href: CONSOLE_PATHS.jobs },
  { key: 'orders', label: 'Orders', href: CONSOLE_PATHS.orders },
  { key: 'events', label: 'Events & webhooks', href: CONSOLE_PATHS.events },
  { key: 'connections', label: 'Connections', href: CONSOLE_PATHS.connections },
] as const;
export type Section = (typeof NAV)[number]['key'];

/** Who the page is for and what every page carries. */
export interface PageFrame {
  studioName: string;
  currency: string;
  userEmail: string;
  csrfToken: string;
  flash: Flash | null;
  /** The studio's IANA time zone: every time on the pages is shown in it. */
  timeZone: string;
}

function document(title: string, body: SafeHtml): string {
  return htmlDocument(title, html`<link rel="stylesheet" href="${CONSOLE_PATHS.style}">`, body);
}

function page(frame: PageFrame, section: Section, title: string, content: SafeHtml): string {
  const nav = NAV.map(
    (item) => html`<li><a href="${item.href}"${item.key === section ? new SafeHtml(' aria-current="page"') : ''}>${item.label}</a></li>`,
  );
  const flash = frame.flash ? html`<div class="flash ${frame.flash.kind}" role="status">${frame.flash.text}</div>` : '';
  return document(
    `${title} · ${frame.studioName} · Studio sandbox`,
    html`<header class="top"><div class="top-inner">
  <a class="brand" href="${CONSOLE_PATHS.home}">${LOGO_MARK}<span>${frame.studioName}</span><span class="pill">Sandbox console</span></a>
  <nav aria-label="Console"><ul>${nav}</ul></nav>
  <div class="who"><span>${frame.userEmail}</span>
    <form class="inline" method="post" action="${CONSOLE_PATHS.signOut}">${csrfField(frame.csrfToken)}<button type="submit" class="secondary">Sign out</button></form>
  </div>
</div></header>
<main>
${flash}
${content}
</main>
<footer class="footer">Studio API sandbox · the buttons do what happens outside the CRM, through the same code as the /_sandbox endpoints, and say which event they fired.</footer>`,
  );
}

// ---- small pieces ------------------------------------------------------------------------

/**
 * "2026-12-01 18:00 GMT" from an ISO timestamp, in the studio's time zone (its abbreviation, or
 * its offset where the zone has none: "GMT+9"); a calendar date stays as it is.
 */
export function when(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

function badge(text: string, tone: 'ok' | 'warn' | 'bad' | '' = ''): SafeHtml {
  return html`<span class="badge ${tone}">${text}</span>`;
}

const STATUS_TONES: Record<string, 'ok' | 'warn' | 'bad' | ''> = {
  booked: 'ok',
  completed: 'ok',
  confirmed: 'ok',
  online: 'ok',
  paid: 'ok',
  delivered: 'ok',
  lead: 'warn',
  enquiry: 'warn',
  offline: 'warn',
  open: 'warn',
  awaiting_payment: 'warn',
  retrying: 'warn',
  cancelled: 'bad',
  void: 'bad',
  failed: 'bad',
  unsubscribed: 'bad',
};

function statusBadge(status: string): SafeHtml {
  return badge(status.replace(/_/g, ' '), STATUS_TONES[status] ?? '');
}

function table(head: Array<string | { text: string; num: true }>, rows: SafeHtml[], empty: string, foot?: SafeHtml): SafeHtml {
  if (rows.length === 0) return html`<p class="empty">${empty}</p>`;
  const cells = head.map((cell) =>
    typeof cell === 'string' ? html`<th scope="col">${cell}</th>` : html`<th scope="col" class="num">${cell.text}</th>`,
  );
  return html`<div class="table-wrap"><table><thead><tr>${cells}</tr></thead><tbody>${rows}</tbody>${foot ?? ''}</table></div>`;
}

const num = (text: string) => ({ text, num: true as const });

function more(listing: Listing<unknown>, noun: string): SafeHtml | '' {
  return listing.total > listing.rows.length
    ? html`<p class="note">Showing the newest ${listing.rows.length} of ${listing.total} ${noun}.</p>`
    : '';
}

// ---- sign-in -----------------------------------------------------------------------------

export function renderSignIn(view: { csrfToken: string; email?: string; error?: string; next: string }): string {
  const errorId = 'signin-error';
  return document(
    'Sign in · Studio sandbox console',
    html`<main class="signin">
  <div class="card">
    <p class="brand">${LOGO_MARK}<span>Studio</span><span class="pill">Sandbox console</span></p>
    <h1>Sign in to the console</h1>
    <p class="lead">Use your studio account: the same one the consent page asks for.</p>
    ${view.error ? alertBlock(errorId, view.error) : ''}
    <form method="post" action="${CONSOLE_PATHS.signIn}">
      ${csrfField(view.csrfToken)}
      <input type="hidden" name="next" value="${view.next}">
      ${signInFields({ email: view.email, error: view.error, errorId })}
      <button type="submit">Sign in</button>
    </form>
  </div>
</main>`,
  );
}

export function renderProblem(title: string, message: string): string {
  return document(
    `${title} · Studio sandbox console`,
    html`<main class="signin"><div class="card"><h1>${title}</h1><p class="lead">${message}</p><p><a href="${CONSOLE_PATHS.home}">Back to the console</a></p></div></main>`,
  );
}

// ---- jobs --------------------------------------------------------------------------------

export function renderJobs(frame: PageFrame, listing: Listing<JobView>): string {
  const cards = listing.rows.map((view) => jobCard(frame, view));
  const index = listing.rows.map(({ job, contact, payments }) => {
    const paid = payments.reduce((sum, payment) => sum + payment.amount, 0);
    return html`<tr><td><a href="#${job.id}">${job.name}</a></td><td>${contact ? `${contact.first_name} ${contact.last_name}`.trim() : job.contact_id}</td><td>${job.stage?.name ?? '—'}</td><td>${statusBadge(job.status)}</td><td class="num">${payments.length > 0 ? formatMoney(paid, payments[0]!.currency) : '—'}</td><td class="num">${job.galleries.length} of ${MAX_GALLERIES_PER_JOB}</td></tr>`;
  });
  return page(
    frame,
    'jobs',
    'Jobs',
    html`<h1>Jobs</h1>
<p class="lead">${listing.total} job${listing.total === 1 ? '' : 's'}, newest first: each with its contact, shoots, payments and galleries.</p>
${cards.length > 0 ? html`<section class="card" aria-label="All jobs">${table(['Job', 'Contact', 'Stage', 'Status', num('Paid'), num('Galleries')], index, '')}</section>` : ''}
${cards.length > 0 ? cards : html`<p class="empty">No jobs yet.</p>`}
${more(listing, 'jobs')}`,
  );
}

function jobCard(frame: PageFrame, { job, contact, shoots, payments }: JobView): SafeHtml {
  const returnTo = `${CONSOLE_PATHS.jobs}#${job.id}`;
  const contactBlock = contact
    ? html`<p><strong>${`${contact.first_name} ${contact.last_name}`.trim()}</strong><br>${contact.email ?? 'no email'} · ${contact.phone ?? 'no phone'}<br><span class="mono meta">${contact.id}</span></p>`
    : html`<p class="empty">Contact ${job.contact_id} not found.</p>`;
  const shootRows = shoots.map(
    (shoot) =>
      html`<tr><td>${shoot.title}</td><td>${statusBadge(shoot.status)}</td><td>${when(shoot.starts_at, frame.timeZone)}</td><td>${shoot.location ?? '—'}</td></tr>`,
  );
  const paymentRows = payments.map(
    (payment) =>
      html`<tr><td class="num">${formatMoney(payment.amount, payment.currency)}</td><td>${payment.method ?? '—'}</td><td>${when(payment.received_at, frame.timeZone)}</td><td>${payment.is_first_payment ? 'first payment' : ''}</td><td class="mono">${payment.id}</td></tr>`,
  );
  // What happens to a gallery outside the CRM: images, publishing, visitors (online only) and invites of its client.
  const galleryRows = job.galleries.map(
    (gallery) => html`<tr>
  <td>${gallery.name}<br><span class="mono meta">${gallery.id}</span></td>
  <td>${statusBadge(gallery.status)}</td>
  <td class="num">${gallery.image_count}</td>
  <td><a href="${gallery.client_url}" rel="noreferrer">${gallery.client_url}</a></td>
  <td>
    <form class="inline" method="post" action="${CONSOLE_PATHS.galleryImages(gallery.id)}">${csrfField(frame.csrfToken)}
      <input type="hidden" name="return_to" value="${returnTo}">
      <label for="images-${gallery.id}">Images</label><input id="images-${gallery.id}" name="count" type="number" min="1" max="100000" value="24" required>
      <button type="submit" class="secondary">Upload images</button></form>
    ${
      gallery.status === 'offline'
        ? html`<form class="inline" method="post" action="${CONSOLE_PATHS.galleryPublish(gallery.id)}">${csrfField(frame.csrfToken)}
      <input type="hidden" name="return_to" value="${returnTo}"><button type="submit">Publish gallery</button></form>`
        : html`<form class="inline" method="post" action="${CONSOLE_PATHS.galleryVisitors(gallery.id)}">${csrfField(frame.csrfToken)}
      <input type="hidden" name="return_to" value="${returnTo}">
      <label for="visitor-${gallery.id}">Visitor email</label><input id="visitor-${gallery.id}" name="email" type="email" required value="guest@example.com">
      <button type="submit" class="secondary">Register visitor</button></form>`
    }
    ${
      gallery.client_email
        ? html`<form class="inline" method="post" action="${CONSOLE_PATHS.galleryInvites(gallery.id)}">${csrfField(frame.csrfToken)}
      <input type="hidden" name="return_to" value="${returnTo}"><button type="submit" class="secondary">Send invite to ${gallery.client_email}</button></form>`
        : ''
    }
  </td>
</tr>`,
  );
  const atLimit = job.galleries.length >= MAX_GALLERIES_PER_JOB;
  return html`<section class="card" id="${job.id}" aria-labelledby="title-${job.id}">
  <div class="card-head"><h2 id="title-${job.id}">${job.name}</h2>${statusBadge(job.status)}
    <span class="meta">stage ${job.stage?.name ?? 'none'} · ${job.job_type ?? 'no type'} · event ${when(job.event_date, frame.timeZone)} · <span class="mono">${job.id}</span></span></div>
  <div class="columns">
    <div><h3>Contact</h3>${contactBlock}</div>
    <div><h3>Record a payment</h3>
      <form class="inline" method="post" action="${CONSOLE_PATHS.payments}">${csrfField(frame.csrfToken)}
        <input type="hidden" name="job_id" value="${job.id}"><input type="hidden" name="return_to" value="${returnTo}">
        <label for="amount-${job.id}">Amount (${frame.currency})</label><input class="amount" id="amount-${job.id}" name="amount" inputmode="decimal" required value="450.00">
        <select name="method" aria-label="Payment method"><option>card</option><option>bank_transfer</option><option>cash</option></select>
        <button type="submit">Record payment</button></form>
      <p class="note">Fires payment.received.</p></div>
  </div>
  <h3>Shoots</h3>${table(['Shoot', 'Status', 'Starts', 'Location'], shootRows, 'No shoots.')}
  <h3>Payments</h3>${table([num('Amount'), 'Method', 'Received', '', 'Id'], paymentRows, 'No payments yet.')}
  <h3>Galleries <span class="badge ${atLimit ? 'warn' : ''}">${job.galleries.length} of ${MAX_GALLERIES_PER_JOB} galleries</span></h3>
  ${table(['Gallery', 'Status', num('Images'), 'Client link', 'Outside the CRM'], galleryRows, 'No galleries linked.')}
</section>`;
}

// ---- orders ------------------------------------------------------------------------------

/** Whether the order's (non-void) invoices add up to what the client was charged. */
export function invoiceCheck(order: Order, invoices: readonly Invoice[]): { kind: 'none' | 'ok' | 'bad'; text: string } {
  const booked = invoices.filter((invoice) => invoice.status !== 'void');
  if (booked.length === 0) return { kind: 'none', text: 'No invoices booked from this order yet.' };
  const money = (minor: number) => formatMoney(minor, order.currency);
  const total = booked.reduce((sum, invoice) => sum + invoice.total, 0);
  const tax = booked.reduce((sum, invoice) => sum + invoice.tax, 0);
  if (total === order.totals.total && tax === order.totals.tax) {
    return {
      kind: 'ok',
      text: `✓ The ${booked.length} invoice${booked.length === 1 ? '' : 's'} add up to the order: ${money(total)} (tax ${money(tax)}).`,
    };
  }
  return {
    kind: 'bad',
    text: `✗ The invoices come to ${money(total)} (tax ${money(tax)}), the order to ${money(order.totals.total)} (tax ${money(order.totals.tax)}): a difference of ${money(total - order.totals.total)} (tax ${money(tax - order.totals.tax)}).`,
  };
}

/** A field of the order form that was refused: its input's name, its label, and what to do. */
export interface OrderFormProblem {
  name: string;
  label: string;
  message: string;
}

export interface OrderFormView {
  galleries: Array<{ id: string; name: string }>;
  /** What was typed, when the form comes back refused (the example order otherwise). */
  values?: Record<string, string>;
  problems?: OrderFormProblem[];
}

export function renderOrders(
  frame: PageFrame,
  listing: Listing<OrderView>,
  form: OrderFormView,
  fromOtherApps: readonly SourcedOrderView[] = [],
): string {
  const sourcedRows = fromOtherApps.map(({ app, reference, invoices }) => {
    const currency = invoices[0]!.currency;
    const total = invoices.filter((invoice) => invoice.status !== 'void').reduce((sum, invoice) => sum + invoice.total, 0);
    const numbers = invoices.map(
      (invoice) => html`${invoice.number} (${invoice.tax_rate}%: ${formatMoney(invoice.total, invoice.currency)}, ${invoice.status})`,
    );
    return html`<tr><td>${app}</td><td class="mono">${reference}</td><td>${numbers.map((n, i) => (i === 0 ? n : html`<br>${n}`))}</td><td class="num">${formatMoney(total, currency)}</td><td class="mono meta">${invoices[0]!.contact_id ?? 'no contact'}</td></tr>`;
  });
  const rows = listing.rows.map(({ order, invoices }) => {
    const check = invoiceCheck(order, invoices);
    return html`<tr>
  <td><a href="${CONSOLE_PATHS.order(order.id)}">${order.number}</a><br><span class="mono meta">${order.id}</span></td>
  <td>${when(order.placed_at, frame.timeZone)}</td>
  <td>${`${order.client.first_name} ${order.client.last_name}`.trim()}<br><span class="meta">${order.client.email}</span></td>
  <td class="num">${formatMoney(order.totals.total, order.currency)}</td>
  <td>${statusBadge(order.payment_status)}</td>
  <td>${check.kind === 'none' ? badge('none yet') : badge(check.kind === 'ok' ? `✓ ${invoices.length}` : `✗ ${invoices.length}`, check.kind === 'ok' ? 'ok' : 'bad')}</td>
</tr>`;
  });
  return page(
    frame,
    'orders',
    'Orders',
    html`<h1>Orders</h1>
<p class="lead">Orders clients placed in galleries, newest first, and whether the invoices booked from each add up to it.</p>
${orderForm(frame, form)}
<section class="card" aria-labelledby="orders-title"><h2 id="orders-title">All orders</h2>
${table(['Order', 'Placed', 'Client', num('Total'), 'Paid', 'Invoices'], rows, 'No orders yet.')}
${more(listing, 'orders')}</section>
<section class="card" aria-labelledby="external-title"><h2 id="external-title">Orders from other apps</h2>
<p class="note">Booked by Create Invoices From Line Items or Import Order From Another App (Shopify, WooCommerce, Pic-Time’s own app), named by their source app and reference.</p>
${table(['Source app', 'Reference', 'Invoices', num('Total'), 'Contact'], sourcedRows, 'None booked yet.')}</section>`,
  );
}

/** The example the form starts with: prints at 20% and a zero-rated photo book, shipping following the goods. */
const EXAMPLE_LINES = [
  { description: 'Fine art print 8×10"', quantity: '2', unit_price: '25.00', tax_rate: '20' },
  { description: 'Hardback photo book', quantity: '1', unit_price: '65.00', tax_rate: '0' },
  { description: '', quantity: '1', unit_price: '', tax_rate: '20' },
];
export const ORDER_FORM_LINES = EXAMPLE_LINES.length + 1;

/** The example order the form starts with, as form values. */
function exampleValues(): Record<string, string> {
  const values: Record<string, string> = {
    client_first_name: 'Amelia',
    client_last_name: 'Hart',
    client_email: 'amelia.hart@example.com',
    client_phone: '',
    gallery_id: '',
    payment_status: 'paid',
    prices_include_tax: 'true',
    tax_rounding: '',
    discount: '0.00',
    shipping_amount: '4.95',
    shipping_tax_rate: '',
  };
  for (let n = 1; n <= ORDER_FORM_LINES; n += 1) {
    const example = EXAMPLE_LINES[n - 1] ?? { description: '', quantity: '1', unit_price: '', tax_rate: '20' };
    Object.assign(values, {
      [`line${n}_description`]: example.description,
      [`line${n}_quantity`]: example.quantity,
      [`line${n}_unit_price`]: example.unit_price,
      [`line${n}_tax_rate`]: example.tax_rate,
    });
  }
  return values;
}

function orderForm(frame: PageFrame, form: OrderFormView): SafeHtml {
  const values = form.values ?? exampleValues();
  const problems = form.problems ?? [];
  const value = (name: string) => values[name] ?? '';
  /** id, name, value and, when refused, aria-invalid pointing at the form's list of problems. */
  const input = (name: string) =>
    html`id="${name}" name="${name}" value="${value(name)}"${problems.some((problem) => problem.name === name) ? new SafeHtml(' aria-invalid="true" aria-describedby="order-problems"') : ''}`;
  const option = (name: string, optionValue: string, text: string) =>
    html`<option value="${optionValue}"${value(name) === optionValue ? new SafeHtml(' selected') : ''}>${text}</option>`;
  const lines = Array.from({ length: ORDER_FORM_LINES }, (_, i) => {
    const n = i + 1;
    return html`<tr>
  <td><input ${input(`line${n}_description`)} aria-label="Line ${n} description"></td>
  <td><input ${input(`line${n}_quantity`)} aria-label="Line ${n} quantity" type="number" min="1"></td>
  <td><input class="amount" ${input(`line${n}_unit_price`)} aria-label="Line ${n} unit price" inputmode="decimal"></td>
  <td><input ${input(`line${n}_tax_rate`)} aria-label="Line ${n} tax rate (%)" inputmode="decimal"></td>
</tr>`;
  });
  const galleries = form.galleries.map((gallery) => option('gallery_id', gallery.id, gallery.name));
  const refused =
    problems.length === 0
      ? ''
      : html`<div class="alert" role="alert" id="order-problems">${ALERT_ICON}<div><p><strong>The order was not placed. Correct ${problems.length === 1 ? 'this field' : `these ${problems.length} fields`} and place it again (what you typed is kept):</strong></p>
<ul class="problems">${problems.map((problem) => html`<li><a href="#${problem.name}">${problem.label}</a>: ${problem.message}</li>`)}</ul></div></div>`;
  return html`<section class="card" aria-labelledby="place-title"><h2 id="place-title">Place an order</h2>
<p class="note">As a client in a gallery would: it is priced the way a gallery prices it and fires order.created. Amounts in ${frame.currency}, as you would type them; lines left without a description are ignored.</p>
${refused}
<form method="post" action="${CONSOLE_PATHS.orders}">${csrfField(frame.csrfToken)}
<fieldset><legend>Client</legend><div class="form-grid">
  <div class="field"><label for="client_first_name">First name</label><input ${input('client_first_name')} required></div>
  <div class="field"><label for="client_last_name">Last name</label><input ${input('client_last_name')}></div>
  <div class="field"><label for="client_email">Email</label><input ${input('client_email')} type="email" required></div>
  <div class="field"><label for="client_phone">Phone</label><input ${input('client_phone')}></div>
</div></fieldset>
<fieldset><legend>Order</legend><div class="form-grid">
  <div class="field"><label for="gallery_id">Gallery</label><select id="gallery_id" name="gallery_id">${option('gallery_id', '', 'No gallery')}${galleries}</select></div>
  <div class="field"><label for="payment_status">Payment</label><select id="payment_status" name="payment_status">${option('payment_status', 'paid', 'paid')}${option('payment_status', 'awaiting_payment', 'awaiting payment')}</select></div>
  <div class="field"><label for="prices_include_tax">Prices</label><select id="prices_include_tax" name="prices_include_tax">${option('prices_include_tax', 'true', 'include tax')}${option('prices_include_tax', 'false', 'exclude tax')}</select></div>
  <div class="field"><label for="tax_rounding">Gallery rounds tax</label><select id="tax_rounding" name="tax_rounding">${option('tax_rounding', '', 'as the studio chose')}${option('tax_rounding', 'per_line', 'per line')}${option('tax_rounding', 'per_rate', 'per rate')}${option('tax_rounding', 'per_order', 'once per order')}</select></div>
</div></fieldset>
<fieldset><legend>Lines</legend>
<table class="lines"><thead><tr><th scope="col">Description</th><th scope="col">Quantity</th><th scope="col">Unit price</th><th scope="col">Tax rate (%)</th></tr></thead><tbody>${lines}</tbody></table>
</fieldset>
<fieldset><legend>Discount and shipping</legend><div class="form-grid">
  <div class="field"><label for="discount">Discount</label><input class="amount" ${input('discount')} inputmode="decimal"></div>
  <div class="field"><label for="shipping_amount">Shipping</label><input class="amount" ${input('shipping_amount')} inputmode="decimal"></div>
  <div class="field"><label for="shipping_tax_rate">Shipping tax rate (%)</label><input ${input('shipping_tax_rate')} inputmode="decimal" placeholder="follows the goods"></div>
</div></fieldset>
<button type="submit">Place order</button>
</form></section>`;
}

export function renderOrder(frame: PageFrame, { order, invoices }: OrderView): string {
  const money = (minor: number) => formatMoney(minor, order.currency);
  const lineRows = order.lines.map(
    (line) =>
      html`<tr><td>${line.description}</td><td class="num">${line.quantity}</td><td class="num">${money(line.unit_price)}</td><td class="num">${line.tax_rate}%</td><td class="num">${line.tax === null ? '—' : money(line.tax)}</td><td class="num">${money(line.quantity * line.unit_price)}</td></tr>`,
  );
  const shipping = order.shipping
    ? `${money(order.shipping.amount)}, ${order.shipping.tax_rate !== null ? `taxed at ${order.shipping.tax_rate}%` : 'taxed as the goods are'}${order.shipping.tax !== null ? ` (tax stated: ${money(order.shipping.tax)})` : ''}`
    : 'none';
  const { totals } = order;
  const totalsRows = [
    ['Goods', totals.goods],
    ['Discount', -totals.discount],
    ['Shipping', totals.shipping],
    [order.prices_include_tax ? 'Tax (included)' : 'Tax', totals.tax],
  ].map(([label, value]) => html`<tr><td>${label}</td><td class="num">${money(value as number)}</td></tr>`);

  const check = invoiceCheck(order, invoices);
  const byRate = new Map<string, Invoice[]>();
  for (const invoice of invoices) byRate.set(invoice.tax_rate, [...(byRate.get(invoice.tax_rate) ?? []), invoice]);
  const invoiceGroups = [...byRate.entries()]
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([rate, group]) => html`<h3>At ${rate}%</h3>${group.map((invoice) => invoiceBlock(invoice))}`);

  return page(
    frame,
    'orders',
    `Order ${order.number}`,
    html`<p class="meta"><a href="${CONSOLE_PATHS.orders}">Orders</a> › ${order.number}</p>
<div class="card-head"><h1>Order ${order.number}</h1>${statusBadge(order.payment_status)}</div>
<p class="lead">Placed ${when(order.placed_at, frame.timeZone)} by ${`${order.client.first_name} ${order.client.last_name}`.trim()} (${order.client.email}${order.client.phone ? `, ${order.client.phone}` : ''}) · gallery ${order.gallery_id ?? 'none'} · prices ${order.prices_include_tax ? 'include' : 'exclude'} tax · <span class="mono">${order.id}</span></p>
<div class="check ${check.kind}" role="status">${check.text}</div>
<section class="card" aria-labelledby="lines-title"><h2 id="lines-title">Lines</h2>
${table(['Description', num('Qty'), num('Unit price'), num('Rate'), num('Tax stated'), num('Line total')], lineRows, 'No lines.')}
<p class="note">Discount ${money(order.discount)} · shipping ${shipping}${order.tax_total !== null ? ` · tax total stated: ${money(order.tax_total)}` : ''}</p>
<div class="columns">
  <div><h3>Totals</h3><table><tbody>${totalsRows}</tbody><tfoot><tr><td>Total charged</td><td class="num">${money(totals.total)}</td></tr></tfoot></table></div>
  <div><h3>Tax summary per rate</h3>${rateSummary(order)}</div>
</div></section>
<section class="card" aria-labelledby="invoices-title"><h2 id="invoices-title">Invoices booked from it</h2>
${invoiceGroups.length > 0 ? invoiceGroups : html`<p class="empty">None yet: run Import Order (or Create Invoices From Order) on ${order.id}.</p>`}
</section>`,
  );
}

/** Net, tax and total per rate as the gallery's arithmetic shares them, with a rounding row up to the tax charged. */
function rateSummary(order: Order): SafeHtml {
  const money = (minor: number) => formatMoney(minor, order.currency);
  let summary;
  try {
    summary = taxSummary(order);
  } catch (error) {
    return html`<p class="empty">Cannot be shared by rate: ${error instanceof Error ? error.message : String(error)}</p>`;
  }
  const include = order.prices_include_tax;
  const rows = summary.map((rate) => {
    const net = include ? rate.amount - rate.tax : rate.amount;
    return html`<tr><td>${rate.tax_rate === null ? 'shipping (tax stated)' : `${rate.tax_rate}%`}</td><td class="num">${money(net)}</td><td class="num">${money(rate.tax)}</td><td class="num">${money(net + rate.tax)}</td></tr>`;
  });
  const difference = order.totals.tax - summary.reduce((sum, rate) => sum + rate.tax, 0);
  if (difference !== 0) {
    // Included tax moves between net and tax; added tax changes the total.
    rows.push(
      html`<tr class="rounding"><td>rounding (as charged)</td><td class="num">${money(include ? -difference : 0)}</td><td class="num">${money(difference)}</td><td class="num">${money(include ? 0 : difference)}</td></tr>`,
    );
  }
  return table(
    ['Rate', num('Net'), num('Tax'), num('Total')],
    rows,
    'No taxable amounts.',
    html`<tfoot><tr><td>Order</td><td class="num">${money(order.totals.total - order.totals.tax)}</td><td class="num">${money(order.totals.tax)}</td><td class="num">${money(order.totals.total)}</td></tr></tfoot>`,
  );
}

function invoiceBlock(invoice: Invoice): SafeHtml {
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  const rows = invoice.lines.map(
    (line) =>
      html`<tr class="${line.kind}"><td>${line.kind}</td><td>${line.description}</td><td class="num">${line.quantity}</td><td class="num">${money(line.amount)}</td><td class="num">${money(line.tax)}</td></tr>`,
  );
  return html`<div class="card">
  <div class="card-head"><h2>${invoice.number}</h2>${statusBadge(invoice.status)}<span class="meta">${invoice.tax_rate}% · contact ${invoice.contact_id ?? 'none'} · job ${invoice.job_id ?? 'none'} · <span class="mono">${invoice.id}</span></span></div>
  ${table(['Kind', 'Description', num('Qty'), num(invoice.prices_include_tax ? 'Amount (incl. tax)' : 'Amount'), num('Tax')], rows, 'No lines.')}
  <p class="note">Net ${money(invoice.net)} + tax ${money(invoice.tax)} = <strong>${money(invoice.total)}</strong></p>
</div>`;
}

// ---- events and webhooks -----------------------------------------------------------------

/** "Emma Harper (emma@example.com)", or the email alone when no name was given. */
function person(first: string | null, last: string | null, email: string | null): string {
  const name = [first, last].filter(Boolean).join(' ');
  return name && email ? `${name} (${email})` : name || email || 'someone';
}

/** What the event was, in a line, for each of the API's event types. */
export function eventSummary(event: StudioEvent): string {
  switch (event.type) {
    case 'order.created':
      return `order ${event.data.number}, ${formatMoney(event.data.totals.total, event.data.currency)}, ${event.data.payment_status.replace(/_/g, ' ')}`;
    case 'payment.received':
      return `${formatMoney(event.data.amount, event.data.currency)} on job ${event.data.job?.name ? `"${event.data.job.name}"` : event.data.job_id}${event.data.is_first_payment ? ' (first payment)' : ''}`;
    case 'gallery.published':
      return `"${event.data.name}" online with ${event.data.image_count} images`;
    case 'gallery.visitor_registered':
      return `${person(event.data.first_name, event.data.last_name, event.data.email)} registered to view ${event.data.gallery ? `"${event.data.gallery.name}"` : `gallery ${event.data.gallery_id}`}`;
    case 'gallery.invite_sent':
      return `${person(event.data.first_name, event.data.last_name, event.data.email)} invited to view ${event.data.gallery ? `"${event.data.gallery.name}"` : `gallery ${event.data.gallery_id}`}`;
    case 'contact.created':
      return `contact ${person(event.data.first_name, event.data.last_name, event.data.email)}`;
    case 'job.created':
      return `job "${event.data.name}" (${event.data.status}${event.data.stage ? `, ${event.data.stage.name}` : ''}) for ${event.data.contact ? person(event.data.contact.first_name, event.data.contact.last_name, event.data.contact.email) : `contact ${event.data.contact_id}`}`;
    case 'job.stage_changed':
      return `job "${event.data.name}" moved ${event.data.change.from_stage ? `from ${event.data.change.from_stage.name} ` : ''}to ${event.data.change.to_stage.name}`;
    case 'contact.updated':
      return `${`${event.data.first_name} ${event.data.last_name}`.trim()}: ${event.data.changed_fields.join(', ')} changed`;
    case 'invoice.created':
      return `invoice ${event.data.number}, ${formatMoney(event.data.total, event.data.currency)} at ${event.data.tax_rate}%, ${event.data.status}`;
  }
}

export function renderEvents(
  frame: PageFrame,
  view: { events: Listing<StudioEvent>; subscriptions: SubscriptionView[]; deliveries: Listing<DeliveryView> },
): string {
  const eventRows = view.events.rows.map(
    (event) =>
      html`<tr><td class="nowrap">${when(event.created_at, frame.timeZone)}</td><td><code>${event.type}</code></td><td>${eventSummary(event)}</td><td class="mono">${event.id}</td></tr>`,
  );
  const subscriptionRows = view.subscriptions.map(
    (hook) =>
      html`<tr><td><code>${hook.event}</code></td><td class="mono">${hook.target_url}</td><td>${when(hook.created_at, frame.timeZone)}</td><td class="mono">${hook.id}</td></tr>`,
  );
  const deliveryRows = view.deliveries.rows.map(
    (delivery) => html`<tr>
  <td class="nowrap">${when(delivery.created_at, frame.timeZone)}${delivery.next_retry_at ? html`<br><span class="meta">next retry ${when(delivery.next_retry_at, frame.timeZone)}</span>` : ''}</td>
  <td><code>${delivery.event_type ?? '?'}</code><br><span class="mono meta">${delivery.event_id}</span></td>
  <td class="mono">${delivery.target_url ?? `${delivery.hook_id} (removed)`}</td>
  <td class="num">${delivery.attempt}</td>
  <td>${statusBadge(delivery.outcome)}${delivery.error ? html`<br><span class="meta">${delivery.error}</span>` : ''}</td>
  <td class="num">${delivery.status ?? '—'}</td>
  <td class="num">${delivery.duration_ms === null ? '—' : `${delivery.duration_ms} ms`}</td>
  <td class="nowrap">${delivery.signed === null ? '—' : delivery.signed ? '✓ present' : '✗ not sent'}</td>
  <td>${
    delivery.target_url
      ? html`<form class="inline" method="post" action="${CONSOLE_PATHS.resend}">${csrfField(frame.csrfToken)}<input type="hidden" name="hook_id" value="${delivery.hook_id}"><input type="hidden" name="event_id" value="${delivery.event_id}"><button type="submit" class="secondary">Resend</button></form>`
      : ''
  }</td>
</tr>`,
  );
  return page(
    frame,
    'events',
    'Events & webhooks',
    html`<h1>Events & webhooks</h1>
<p class="lead">What GET /v1/events lists, who is subscribed, and every delivery attempt with what came back.</p>
<section class="card" aria-labelledby="deliveries-title"><h2 id="deliveries-title">Delivery attempts</h2>
${table(['When', 'Event', 'Target', num('Attempt'), 'Outcome', num('Status'), num('Duration'), 'Signed', ''], deliveryRows, 'No deliveries yet: subscribe a hook (POST /v1/hooks, or turn on a Zap) and make something happen.')}
${more(view.deliveries, 'attempts')}
<p class="note">Signed: whether the attempt carried a webhook-signature header. Resend sends the event to that subscription once more, now, signed afresh (no automatic retries after it). Times are the studio’s (${frame.timeZone}).</p></section>
<section class="card" aria-labelledby="subscriptions-title"><h2 id="subscriptions-title">Subscriptions</h2>
${table(['Event', 'Target', 'Created', 'Id'], subscriptionRows, 'No subscriptions.')}</section>
<section class="card" aria-labelledby="events-title"><h2 id="events-title">Event stream</h2>
${table(['When', 'Type', 'What', 'Id'], eventRows, 'No events yet.')}
${more(view.events, 'events')}</section>`,
  );
}

// ---- connections -------------------------------------------------------------------------

function familyState(frame: PageFrame, family: FamilyView): SafeHtml {
  if (family.revoked_at)
    return html`${badge('revoked', 'bad')}<br><span class="meta">${when(family.revoked_at, frame.timeZone)}: ${family.revoked_reason ?? 'reason not recorded'}</span>`;
  const rotated = family.rotations > 0 ? html` ${badge(`rotated ${family.rotations}×`)}` : '';
  const access =
    family.live_access_tokens > 0
      ? `access token valid until ${when(family.access_expires_at, frame.timeZone)}`
      : 'access token expired: the next call refreshes';
  return html`${badge('active', 'ok')}${rotated}<br><span class="meta">${access}</span>`;
}

export function renderConnections(frame: PageFrame, view: { clients: ClientView[]; families: FamilyView[] }): string {
  const clientRows = view.clients.map(
    (client) =>
      html`<tr><td>${client.name}</td><td class="mono">${client.id}</td><td>${client.confidential ? 'confidential (secret stored as a hash)' : 'public (PKCE)'}</td><td class="mono">${client.redirect_uris.map((uri) => html`${uri}<br>`)}</td><td>${when(client.created_at, frame.timeZone)}</td></tr>`,
  );
  const familyRows = view.families.map(
    (family) =>
      html`<tr><td class="mono">${family.id}</td><td>${family.client_name}</td><td>${family.user_email}</td><td class="mono">${family.scopes.split(' ').map((scope) => html`${scope}<br>`)}</td><td>${when(family.created_at, frame.timeZone)}</td><td>${familyState(frame, family)}</td></tr>`,
  );
  return page(
    frame,
    'connections',
    'Connections',
    html`<h1>Connections</h1>
<p class="lead">The apps registered with the studio and every grant they hold. The sandbox keeps only hashes of secrets and tokens, so none is shown.</p>
<section class="card" aria-labelledby="clients-title"><h2 id="clients-title">OAuth clients</h2>
${table(['App', 'Client id', 'Type', 'Redirect URIs', 'Created'], clientRows, 'No OAuth clients.')}</section>
<section class="card" aria-labelledby="families-title"><h2 id="families-title">Token families</h2>
<p class="note">One family per sign-in (or per issued pair): each refresh rotates its refresh token; a reused code or an already-rotated refresh token revokes the whole family.</p>
${table(['Family', 'App', 'User', 'Scopes', 'Created', 'State'], familyRows, 'No grants yet.')}</section>`,
  );
}
