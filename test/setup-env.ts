// Every test process starts from a known configuration; tests that run a sandbox override
// STUDIO_API_URL with the sandbox's own address.
process.env.CLIENT_ID ??= 'test-client-id';
process.env.CLIENT_SECRET ??= 'test-client-secret';
process.env.STUDIO_API_URL ??= 'https://api.studio.test';
