// A shoot's output fields, declared once: Find Latest Confirmed Shoot returns the shoot, and
// Import Order shows the one it attached the invoices to (under `shoot__`).
import type { PlainOutputField } from 'zapier-platform-core';

export const shootOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'Shoot ID', type: 'string' },
  { key: 'title', label: 'Shoot Title', type: 'string' },
  { key: 'status', label: 'Shoot Status', type: 'string' },
  { key: 'starts_at', label: 'Starts At', type: 'datetime' },
  { key: 'ends_at', label: 'Ends At', type: 'datetime' },
  { key: 'location', label: 'Location', type: 'string' },
  { key: 'contact_id', label: 'Contact ID', type: 'string' },
  { key: 'job_id', label: 'Job ID', type: 'string' },
  { key: 'created_at', label: 'Shoot Created At', type: 'datetime' },
];
