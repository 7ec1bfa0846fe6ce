// The console's buttons: a form, read into the very input the matching /_sandbox endpoint
// takes (checked by the same schema), handed to the same function (world/simulation.ts), and a
// sentence saying what happened and which event it fired.
import { parseMoney } from '../../src/domain/currency.js';
import type { SandboxContext } from '../context.js';
import { ApiError, invalidField } from '../errors.js';
import type { StoredEvent } from '../events/events.js';
import { OrderPlacement } from '../world/orders.js';
import { ImagesRequest, PaymentRequest, placeOrder, publishGalleryNow, recordPayment, uploadImages } from '../world/simulation.js';
import { getStudio } from '../store/studios.js';
import { registerVisitor, sendInvite } from '../world/visitors.js';
import { parseBody } from '../api/validation.js';
import { ORDER_FORM_LINES, type OrderFormProblem } from './pages.js';

export interface ActionResult {
  /** Where the browser goes next. */
  location: string;
  /** What happened, for the next page. */
  message: string;
}

type Form = Record<string, string>;

function fired(event: StoredEvent | null): string {
  return event ? `Fired ${event.type} (${event.id}).` : 'Fired no event.';
}

function money(form: Form, field: string, currency: string, optional = false): number | undefined {
  const text = (form[field] ?? '').trim();
  if (text === '' && optional) return undefined;
  const minor = parseMoney(text, currency);
  if (minor === null) throw invalidField(field, `"${text}" is not an amount in ${currency} (such as 12.50)`);
  return minor;
}

function text(form: Form, field: string): string {
  return (form[field] ?? '').trim();
}

/** The order form as POST /_sandbox/orders would receive it. */
export function orderPlacementOf(form: Form, currency: string): OrderPlacement {
  const lines = [];
  for (let n = 1; n <= ORDER_FORM_LINES; n += 1) {
    const description = text(form, `line${n}_description`);
    if (description === '') continue;
    const quantity = text(form, `line${n}_quantity`) || '1';
    if (!/^\d+$/.test(quantity)) throw invalidField(`line${n}_quantity`, `"${quantity}" is not a whole number`);
    lines.push({
      description,
      quantity: Number(quantity),
      unit_price: money(form, `line${n}_unit_price`, currency),
      tax_rate: text(form, `line${n}_tax_rate`),
    });
  }
  const shippingAmount = money(form, 'shipping_amount', currency, true);
  const shippingRate = text(form, 'shipping_tax_rate');
  const rounding = text(form, 'tax_rounding');
  const discount = money(form, 'discount', currency, true);
  return parseBody(OrderPlacement, {
    gallery_id: text(form, 'gallery_id') || null,
    currency,
    prices_include_tax: form.prices_include_tax !== 'false',
    payment_status: text(form, 'payment_status'),
    client: {
      email: text(form, 'client_email'),
      first_name: text(form, 'client_first_name'),
      last_name: text(form, 'client_last_name'),
      phone: text(form, 'client_phone') || null,
    },
    lines,
    ...(discount !== undefined ? { discount } : {}),
    shipping: shippingAmount ? { amount: shippingAmount, tax_rate: shippingRate || null } : null,
    ...(rounding ? { tax_rounding: rounding } : {}),
  });
}

const ORDER_FIELD_LABELS: Record<string, [name: string, label: string]> = {
  'client.first_name': ['client_first_name', 'First name'],
  'client.last_name': ['client_last_name', 'Last name'],
  'client.email': ['client_email', 'Email'],
  'client.phone': ['client_phone', 'Phone'],
  gallery_id: ['gallery_id', 'Gallery'],
  payment_status: ['payment_status', 'Payment'],
  prices_include_tax: ['prices_include_tax', 'Prices'],
  tax_rounding: ['tax_rounding', 'Gallery rounds tax'],
  discount: ['discount', 'Discount'],
  shipping: ['shipping_amount', 'Shipping'],
  'shipping.amount': ['shipping_amount', 'Shipping'],
  'shipping.tax_rate': ['shipping_tax_rate', 'Shipping tax rate (%)'],
  lines: ['line1_description', 'Lines'],
};
const LINE_PARTS: Record<string, string> = {
  description: 'description',
  quantity: 'quantity',
  unit_price: 'unit price',
  tax_rate: 'tax rate (%)',
  tax: 'tax',
};

/** A validator's words as a person would say them ("Too small: expected string…" is "is required"). */
function readable(field: string, message: string): string {
  if (field === 'lines' && /^Too small/.test(message)) return 'give at least one line a description (lines without one are ignored)';
  if (/^Too small: expected string/.test(message)) return 'fill this in';
  const options = /^Invalid option: expected one of (.*)$/.exec(message);
  if (options) return `choose one of ${options[1]!.split('|').join(', ')}`;
  return message;
}

/**
 * The fields of the order form a refusal names, each with its input, its label and what to do:
 * `lines.0.tax_rate` is the tax rate of the first line that has a description.
 */
export function orderFormProblems(error: ApiError, form: Form): OrderFormProblem[] {
  const described = Array.from({ length: ORDER_FORM_LINES }, (_, i) => i + 1).filter((n) => text(form, `line${n}_description`) !== '');
  const details = Array.isArray(error.details) ? error.details : [{ field: 'body', message: error.message }];
  return details.map(({ field, message }) => {
    const line = /^(?:lines\.(\d+)\.|line(\d+)_)(\w+)$/.exec(field);
    if (line) {
      const n = line[2] ? Number(line[2]) : (described[Number(line[1])] ?? 1);
      const part = line[3]!;
      return {
        name: `line${n}_${part in LINE_PARTS ? part : 'description'}`,
        label: `Line ${n} ${LINE_PARTS[part] ?? part}`,
        message: readable(field, message),
      };
    }
    const [name, label] = ORDER_FIELD_LABELS[field] ?? ['client_first_name', field];
    return { name, label, message: readable(field, message) };
  });
}

export function placeOrderAction(ctx: SandboxContext, studioId: string, form: Form): ActionResult {
  const { order, event } = placeOrder(ctx, studioId, orderPlacementOf(form, getStudio(ctx.db, studioId).currency));
  return {
    location: `/console/orders/${encodeURIComponent(order.id)}`,
    message: `Placed order ${order.number} (${order.id}). ${fired(event)}`,
  };
}

export function recordPaymentAction(ctx: SandboxContext, studioId: string, form: Form, returnTo: string): ActionResult {
  const currency = getStudio(ctx.db, studioId).currency;
  const input = parseBody(PaymentRequest, {
    job_id: text(form, 'job_id'),
    amount: money(form, 'amount', currency),
    method: text(form, 'method') || null,
  });
  const { payment, event } = recordPayment(ctx, studioId, input);
  return {
    location: returnTo,
    message: `Recorded a payment of ${form.amount?.trim()} ${currency} on ${payment.job_id} (${payment.id}${payment.is_first_payment ? ', its first' : ''}). ${fired(event)}`,
  };
}

export function uploadImagesAction(ctx: SandboxContext, studioId: string, galleryId: string, form: Form, returnTo: string): ActionResult {
  const count = text(form, 'count');
  const { count: images } = parseBody(ImagesRequest, { count: /^\d+$/.test(count) ? Number(count) : count });
  const { gallery, event } = uploadImages(ctx, studioId, galleryId, images);
  return { location: returnTo, message: `Uploaded ${images} images to "${gallery.name}": it has ${gallery.image_count}. ${fired(event)}` };
}

export function publishGalleryAction(ctx: SandboxContext, studioId: string, galleryId: string, returnTo: string): ActionResult {
  const { gallery, event } = publishGalleryNow(ctx, studioId, galleryId);
  return {
    location: returnTo,
    message: `${event ? `Published "${gallery.name}"` : `"${gallery.name}" was already online`}. ${fired(event)}`,
  };
}

/** Someone registers to view a gallery (the gallery platform's side): POST /_sandbox/galleries/:id/visitors. */
export function registerVisitorAction(
  ctx: SandboxContext,
  studioId: string,
  galleryId: string,
  form: Form,
  returnTo: string,
): ActionResult {
  const { visitor, registered, event } = registerVisitor(ctx, studioId, galleryId, {
    email: text(form, 'email'),
    ...(text(form, 'first_name') ? { first_name: text(form, 'first_name') } : {}),
    ...(text(form, 'last_name') ? { last_name: text(form, 'last_name') } : {}),
  });
  const what = registered
    ? `Registered ${visitor.email} as a visitor of gallery ${galleryId} (${visitor.id})`
    : `${visitor.email} had already registered for gallery ${galleryId}`;
  return { location: returnTo, message: `${what}. ${fired(event)}` };
}

/** The gallery's main client is invited to view it: POST /_sandbox/galleries/:id/invites. */
export function sendInviteAction(ctx: SandboxContext, studioId: string, galleryId: string, returnTo: string): ActionResult {
  const { invite, event } = sendInvite(ctx, studioId, galleryId, {});
  return { location: returnTo, message: `Invited ${invite.email} to gallery ${galleryId} (${invite.id}). ${fired(event)}` };
}

export function resendAction(ctx: SandboxContext, studioId: string, form: Form): ActionResult {
  const hookId = text(form, 'hook_id');
  const eventId = text(form, 'event_id');
  if (!ctx.webhooks.resend(studioId, hookId, eventId)) {
    throw new ApiError(
      404,
      'not_found',
      `There is no subscription ${hookId} or no event ${eventId} any more, so there is nothing to resend.`,
    );
  }
  return {
    location: '/console/events',
    message: `Resending ${eventId} to ${hookId}: the attempt appears below once the receiver answers.`,
  };
}
