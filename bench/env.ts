// Imported first by every benchmark entry point: zapier-platform-core reads NODE_ENV when it
// loads, and in test mode (as under jest) it does not print a memory line per invocation and
// it throws, rather than logs, when an operation's output fails Zapier's checks.
process.env.NODE_ENV ??= 'test';
