// Studio API v1, the whole contract in one import: every resource schema the app parses
// responses with, and the sandbox proves its responses against. Nothing in src/contract imports
// anything else of the app. Here `z` is zod: these files have no Zapier object.
export * from './currency.js';
export * from './primitives.js';
export * from './me.js';
export * from './contacts.js';
export * from './jobs.js';
export * from './shoots.js';
export * from './galleries.js';
export * from './payments.js';
export * from './orders.js';
export * from './invoices.js';
export * from './hooks.js';
