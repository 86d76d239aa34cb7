// Builds the moderation console (web/src/admin, served at /admin by `soundoff serve`; docs/moderation-api.md)
// with esbuild (pinned in package.json):
//   dist/admin.js          one classic script, no eval, no inline anything (the /admin page's CSP allows only 'self')
//   dist/admin.css         its stylesheet
//   dist/admin-size.json   gzip sizes; the build fails above the budget below
// Run on its own (node web/scripts/build-admin.mjs) or by build.mjs and build-widget.mjs.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(web, 'dist');
const src = join(web, 'src/admin');
const { version } = JSON.parse(readFileSync(join(web, 'package.json'), 'utf8'));
// The console is loaded by moderators, not readers, but a newsroom opens it on phones too: keep it small.
const budgetGzip = { js: 16 * 1024, css: 3 * 1024 };

const common = { bundle: true, minify: true, target: ['es2020'], legalComments: 'none', logLevel: 'warning' };
await build({ ...common, entryPoints: [join(src, 'index.js')], outfile: join(dist, 'admin.js'), format: 'iife',
  banner: { js: `/*! soundoff admin ${version} | MIT */` } });
await build({ ...common, entryPoints: [join(src, 'admin.css')], outfile: join(dist, 'admin.css') });

const gz = (name) => gzipSync(readFileSync(join(dist, name)), { level: 9 }).length;
const sizes = {
  js_raw: readFileSync(join(dist, 'admin.js')).length,
  js_gzip: gz('admin.js'),
  css_raw: readFileSync(join(dist, 'admin.css')).length,
  css_gzip: gz('admin.css'),
};
writeFileSync(join(dist, 'admin-size.json'), `${JSON.stringify(sizes, null, 2)}\n`);
console.log(`${dist}: admin.js ${sizes.js_gzip} B gzip (${sizes.js_raw} B minified), admin.css ${sizes.css_gzip} B gzip`);
if (sizes.js_gzip > budgetGzip.js || sizes.css_gzip > budgetGzip.css) {
  console.error(`the console is over its budget (${budgetGzip.js} B js, ${budgetGzip.css} B css, gzip)`);
  process.exit(1);
}
