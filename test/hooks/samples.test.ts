// Samples are real API data: each parses with the contract's schema, ids line up across
// resources, money adds up the way the money split says, and every trigger's sample is what
// its item builder makes (so the Zap editor shows the fields a live Zap gets).
import { describe, expect, it } from '@jest/globals';
import App from '../../index.js';
import { Brand, Contact, Gallery, GalleryPreset, Job, JobStage, Order, Payment, StudioEvent } from '../../src/contract/index.js';
import { sampleContact } from '../../src/contacts/samples.js';
import { splitOrder } from '../../src/domain/tax-split.js';
import { galleryPublishedItem } from '../../src/galleries/gallery_published.js';
import { galleryInviteItem } from '../../src/galleries/gallery_invite_sent.js';
import { galleryVisitorItem } from '../../src/galleries/new_gallery_visitor.js';
import {
  sampleBrand,
  sampleGallery,
  sampleGalleryInviteSentEvent,
  sampleGalleryPublishedEvent,
  sampleGalleryVisitorRegisteredEvent,
  samplePreset,
} from '../../src/galleries/samples.js';
import { newContactItem } from '../../src/contacts/new_contact.js';
import { stageChangedItem } from '../../src/jobs/job_stage_changed.js';
import { newJobItem } from '../../src/jobs/new_job.js';
import { sampleJob, sampleJobCreatedEvent, sampleJobStageChangedEvent, sampleJobStages } from '../../src/jobs/samples.js';
import { orderItem } from '../../src/orders/order-item.js';
import { sampleOrder, sampleOrderCreatedEvent } from '../../src/orders/samples.js';
import { paymentItem } from '../../src/payments/new_payment.js';
import { samplePayment, samplePaymentReceivedEvent } from '../../src/payments/samples.js';

type TriggerDef = {
  display: { hidden?: boolean; label?: string; description?: string };
  operation: { sample?: object; outputFields?: Array<{ key: string; label?: string; type?: string }> };
};
const triggers = App.triggers as unknown as Record<string, TriggerDef>;

describe('samples', () => {
  it.each([
    ['contact', Contact, sampleContact],
    ['job', Job, sampleJob],
    ['gallery', Gallery, sampleGallery],
    ['brand', Brand, sampleBrand],
    ['gallery preset', GalleryPreset, samplePreset],
    ['order', Order, sampleOrder],
    ['payment', Payment, samplePayment],
    ['order.created event', StudioEvent, sampleOrderCreatedEvent],
    ['gallery.published event', StudioEvent, sampleGalleryPublishedEvent],
    ['payment.received event', StudioEvent, samplePaymentReceivedEvent],
    ['job stage', JobStage, sampleJobStages[0]],
    ['job.created event', StudioEvent, sampleJobCreatedEvent],
    ['job.stage_changed event', StudioEvent, sampleJobStageChangedEvent],
    ['gallery.visitor_registered event', StudioEvent, sampleGalleryVisitorRegisteredEvent],
    ['gallery.invite_sent event', StudioEvent, sampleGalleryInviteSentEvent],
  ])('the %s sample parses with its schema', (_what, schema, sample) => {
    expect(schema.safeParse(sample).error).toBeUndefined();
  });

  it('tell one story: the same client, job and gallery everywhere', () => {
    expect(sampleJob.contact_id).toBe(sampleContact.id);
    expect(sampleGallery.job_ids).toEqual([sampleJob.id]);
    expect(sampleGallery.brand_id).toBe(sampleBrand.id);
    expect(sampleGallery.preset_id).toBe(samplePreset.id);
    expect(sampleOrder.gallery_id).toBe(sampleGallery.id);
    expect(sampleOrder.client.email).toBe(sampleContact.email);
    expect(samplePayment).toMatchObject({ job_id: sampleJob.id, contact_id: sampleContact.id });
    expect(sampleJobStageChangedEvent.data).toMatchObject({
      id: sampleJob.id,
      stage: sampleJobStageChangedEvent.data.change.to_stage,
      contact: sampleContact,
    });
    expect(sampleJobCreatedEvent.data).toMatchObject({ id: sampleJob.id, contact: sampleContact });
    // Each event embeds the records its ids name.
    expect(samplePaymentReceivedEvent.data).toMatchObject({ job: sampleJob, contact: sampleContact });
    expect(sampleOrderCreatedEvent.data.gallery).toBe(sampleGallery);
    for (const event of [sampleGalleryVisitorRegisteredEvent, sampleGalleryInviteSentEvent]) {
      expect(event.data.gallery_id).toBe(sampleGallery.id);
      expect(event.data.gallery).toBe(sampleGallery);
    }
    expect(sampleGalleryInviteSentEvent.data.email).toBe(sampleGallery.client_email);
  });

  it('the sample order’s totals are what the money split computes for it', () => {
    const drafts = splitOrder(sampleOrder);
    const sum = (pick: (d: (typeof drafts)[number]) => number) => drafts.reduce((total, d) => total + pick(d), 0);
    const goods = sampleOrder.lines.reduce((total, line) => total + line.quantity * line.unit_price, 0);
    expect(sampleOrder.totals).toEqual({
      goods,
      discount: sampleOrder.discount,
      shipping: sampleOrder.shipping.amount,
      tax: sum((d) => d.tax),
      total: sum((d) => d.total),
    });
  });

  it('each instant trigger’s sample is the item its deliveries produce', () => {
    expect(triggers.new_order!.operation.sample).toEqual(orderItem(sampleOrderCreatedEvent));
    expect(triggers.gallery_published!.operation.sample).toEqual(galleryPublishedItem(sampleGalleryPublishedEvent));
    expect(triggers.new_payment!.operation.sample).toEqual(paymentItem(samplePaymentReceivedEvent));
    expect(triggers.new_gallery_visitor!.operation.sample).toEqual(galleryVisitorItem(sampleGalleryVisitorRegisteredEvent));
    expect(triggers.gallery_invite_sent!.operation.sample).toEqual(galleryInviteItem(sampleGalleryInviteSentEvent));
    expect(triggers.new_contact!.operation.sample).toEqual(
      newContactItem({ id: 'evt_c', type: 'contact.created', created_at: sampleContact.created_at, data: sampleContact }),
    );
    expect(triggers.new_job!.operation.sample).toEqual(newJobItem(sampleJobCreatedEvent.data, sampleContact));
    expect(triggers.job_stage_changed!.operation.sample).toEqual(stageChangedItem(sampleJobStageChangedEvent, sampleContact));
  });

  it.each([
    'new_order',
    'gallery_published',
    'new_payment',
    'new_gallery_visitor',
    'gallery_invite_sent',
    'new_contact',
    'new_job',
    'job_stage_changed',
  ])('%s declares a labelled, typed output field for every value in its sample', (key) => {
    const { sample, outputFields = [] } = triggers[key]!.operation;
    const declared = new Set(outputFields.map((field) => field.key));
    const missing = leafKeys(sample!).filter((leaf) => !declared.has(leaf));
    expect(missing).toEqual([]);
    for (const field of outputFields) expect([field.key, field.label && field.type ? 'ok' : 'missing']).toEqual([field.key, 'ok']);
  });

  it.each(Object.keys(triggers))('%s is described the way Zapier’s checks expect', (key) => {
    const { display } = triggers[key]!;
    expect(display.label).toMatch(/^[A-Z][\w()]*(?: [A-Z(][\w()]*)*$/); // Title Case
    expect(display.description).toMatch(/^Triggers when .+\.$/);
  });
});

/** Zapier's flattened keys: nested objects as a__b, arrays of objects as a[]b. */
function leafKeys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}__${key}` : key;
    if (Array.isArray(child)) {
      const first: unknown = child[0];
      return first && typeof first === 'object' ? Object.keys(first).map((leaf) => `${path}[]${leaf}`) : [path];
    }
    return child && typeof child === 'object' ? leafKeys(child, path) : [path];
  });
}
