// The Zapier app: authentication, middleware, and every trigger, create and search,
// each defined in the folder of the resource it works on (src/<resource>/).
import zapier, { defineApp } from 'zapier-platform-core';
import packageJson from './package.json' with { type: 'json' };
import authentication from './src/authentication.js';
import { afters, befores } from './src/middleware.js';
import createGallery from './src/galleries/create_gallery.js';
import findGallery from './src/galleries/find_gallery.js';
import linkGalleryToJob from './src/galleries/link_gallery_to_job.js';
import unlinkGalleryFromJob from './src/galleries/unlink_gallery_from_job.js';

export default defineApp({
  version: packageJson.version,
  platformVersion: zapier.version,
  authentication,
  beforeRequest: [...befores],
  afterResponse: [...afters],
  triggers: {},
  creates: {
    [createGallery.key]: createGallery,
    [linkGalleryToJob.key]: linkGalleryToJob,
    [unlinkGalleryFromJob.key]: unlinkGalleryFromJob,
  },
  searches: {
    [findGallery.key]: findGallery,
  },
});
