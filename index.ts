// The Zapier app: authentication, middleware, and every trigger, create and search,
// each defined in the folder of the resource it works on (src/<resource>/).
import zapier, { defineApp } from 'zapier-platform-core';
import packageJson from './package.json' with { type: 'json' };
import authentication from './src/authentication.js';
import { afters, befores } from './src/middleware.js';

export default defineApp({
  version: packageJson.version,
  platformVersion: zapier.version,
  authentication,
  beforeRequest: [...befores],
  afterResponse: [...afters],
  triggers: {},
  creates: {},
  searches: {},
});
