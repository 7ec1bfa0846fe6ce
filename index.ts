// The Zapier app: authentication, middleware, and every trigger, create and search,
// each defined in the folder of the resource it works on (src/<resource>/).
import zapier, { defineApp } from 'zapier-platform-core';
import packageJson from './package.json' with { type: 'json' };
import authentication from './src/authentication.js';
import { afters, befores } from './src/middleware.js';
import listContacts from './src/contacts/list_contacts.js';
import galleryPublished from './src/galleries/gallery_published.js';
import newGalleryVisitor from './src/galleries/new_gallery_visitor.js';
import galleryInviteSent from './src/galleries/gallery_invite_sent.js';
import listBrands from './src/galleries/list_brands.js';
import listGalleries from './src/galleries/list_galleries.js';
import listPresets from './src/galleries/list_presets.js';
import listJobs from './src/jobs/list_jobs.js';
import listOrders from './src/orders/list_orders.js';
import newOrder from './src/orders/new_order.js';
import newPayment from './src/payments/new_payment.js';
import createGallery from './src/galleries/create_gallery.js';
import findGallery from './src/galleries/find_gallery.js';
import linkGalleryToJob from './src/galleries/link_gallery_to_job.js';
import unlinkGalleryFromJob from './src/galleries/unlink_gallery_from_job.js';
import createContact from './src/contacts/create_contact.js';
import findContact from './src/contacts/find_contact.js';
import findLatestConfirmedShoot from './src/shoots/find_latest_confirmed_shoot.js';
import importOrder from './src/orders/import_order.js';
import createInvoicesFromOrder from './src/invoices/create_invoices_from_order.js';
import createInvoicesFromLineItems from './src/invoices/create_invoices_from_line_items.js';
import importExternalOrder from './src/orders/import_external_order.js';
import newContact from './src/contacts/new_contact.js';
import updateContact from './src/contacts/update_contact.js';
import newJob from './src/jobs/new_job.js';
import jobStageChanged from './src/jobs/job_stage_changed.js';
import listJobStages from './src/jobs/list_job_stages.js';
import createJob from './src/jobs/create_job.js';
import updateJobStage from './src/jobs/update_job_stage.js';
import findJob from './src/jobs/find_job.js';
import findOrder from './src/orders/find_order.js';
import updatedContact from './src/contacts/updated_contact.js';
import newInvoice from './src/invoices/new_invoice.js';
import recordPayment from './src/payments/record_payment.js';
import createShoot from './src/shoots/create_shoot.js';

export default defineApp({
  version: packageJson.version,
  platformVersion: zapier.version,
  authentication,
  beforeRequest: [...befores],
  afterResponse: [...afters],
  triggers: {
    [newOrder.key]: newOrder,
    [galleryPublished.key]: galleryPublished,
    [newGalleryVisitor.key]: newGalleryVisitor,
    [galleryInviteSent.key]: galleryInviteSent,
    [newPayment.key]: newPayment,
    [listJobs.key]: listJobs,
    [listGalleries.key]: listGalleries,
    [listBrands.key]: listBrands,
    [listPresets.key]: listPresets,
    [listContacts.key]: listContacts,
    [listOrders.key]: listOrders,
    [newContact.key]: newContact,
    [newJob.key]: newJob,
    [jobStageChanged.key]: jobStageChanged,
    [listJobStages.key]: listJobStages,
    [updatedContact.key]: updatedContact,
    [newInvoice.key]: newInvoice,
  },
  creates: {
    [createGallery.key]: createGallery,
    [linkGalleryToJob.key]: linkGalleryToJob,
    [unlinkGalleryFromJob.key]: unlinkGalleryFromJob,
    [createContact.key]: createContact,
    [importOrder.key]: importOrder,
    [createInvoicesFromOrder.key]: createInvoicesFromOrder,
    [createInvoicesFromLineItems.key]: createInvoicesFromLineItems,
    [importExternalOrder.key]: importExternalOrder,
    [createJob.key]: createJob,
    [updateJobStage.key]: updateJobStage,
    [updateContact.key]: updateContact,
    [recordPayment.key]: recordPayment,
    [createShoot.key]: createShoot,
  },
  searches: {
    [findGallery.key]: findGallery,
    [findContact.key]: findContact,
    [findLatestConfirmedShoot.key]: findLatestConfirmedShoot,
    [findJob.key]: findJob,
    [findOrder.key]: findOrder,
  },
  searchOrCreates: {
    // Find Gallery, or create one if none is found: the inputs line up (name, URL slug, job),
    // so "the job's gallery, created the first time" is one step.
    [findGallery.key]: {
      key: findGallery.key,
      display: { label: 'Find Gallery', description: 'Finds a gallery by name, URL slug or job, or creates one if none is found.' },
      search: findGallery.key,
      create: createGallery.key,
    },
    // Find Contact, or create one if none is found (Zapier shows it as a checkbox on the search).
    [findContact.key]: {
      key: findContact.key,
      display: { label: 'Find Contact', description: 'Finds a contact by email, phone or name, or creates one if none is found.' },
      search: findContact.key,
      create: createContact.key,
    },
    // Find Job, or create it if none is found: contact, name and event date line up, so "this
    // client's wedding job, created the first time" is one step.
    [findJob.key]: {
      key: findJob.key,
      display: { label: 'Find Job', description: 'Finds a job by contact, name or event date, or creates one if none is found.' },
      search: findJob.key,
      create: createJob.key,
    },
  },
});
