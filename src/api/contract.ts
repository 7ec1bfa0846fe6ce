// Studio API v1, the whole contract in one import: every resource schema the app parses
// responses with, and the sandbox proves its responses against.
export * from './primitives.js';
export * from '../me/schema.js';
export * from '../contacts/schema.js';
export * from '../jobs/schema.js';
export * from '../shoots/schema.js';
export * from '../galleries/schema.js';
export * from '../payments/schema.js';
export * from '../orders/schema.js';
export * from '../invoices/schema.js';
export * from '../hooks/schema.js';
