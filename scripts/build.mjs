// `npm run build` (and Zapier's `_zapier-build`): the app as one ES module, dist/index.js.
// Bundling the app's ~60 modules with zod and libphonenumber-js cuts the cold load Zapier pays
// on every new runtime (bench/cold-load.ts measures it against bare zapier-platform-core).
// zapier-platform-core stays external: Zapier's wrapper loads it from node_modules.
// Type-checking is `npm run typecheck`; esbuild only strips types.
//   node scripts/build.mjs [--outfile path/to/index.js]
import { build } from 'esbuild';

const outfileIndex = process.argv.indexOf('--outfile');
const outfile = outfileIndex === -1 ? 'dist/index.js' : process.argv[outfileIndex + 1];

await build({
  entryPoints: ['index.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  external: ['zapier-platform-core'],
  // Readable stack traces in Zapier's logs: keep names, and a source map beside the bundle.
  keepNames: true,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
