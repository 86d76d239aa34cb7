// Builds the drop-in widget with esbuild (pinned in package.json), after
// scripts/build.mjs has written dist/soundoff-engine.mjs:
//   dist/soundoff.js          one classic script: widget + engine, auto-mounts (docs/widget.md); it
//                             compiles the engine's binary from soundoff-engine.<hash>.wasm next to it
//   dist/soundoff-single.js   the same with the binary inside (one file, no .wasm to serve)
//   dist/soundoff-widget.mjs  ES module for bundlers: export { mount, loadEngine, locales }
//   dist/soundoff-widget.d.ts/.d.mts its types
//   dist/count.js             the comment-count script (no engine)
//   dist/demo-login.js        the demo page's "log in as a reader" switch (docs/sso.md)
//   dist/soundoff-ssr.css     the widget's stylesheet for the server-rendered first page (ssr-css.mjs)
//   dist/widget-size.json     gzip sizes: the widget's own code without the engine, and count.js
//   dist/admin.js/.css        the moderation console (build-admin.mjs), which the browser tests serve too
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { css } from '../src/widget/styles.js';
import { ssrStylesheet } from './ssr-css.mjs';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(web, 'dist');
const src = join(web, 'src/widget');
const { version } = JSON.parse(readFileSync(join(web, 'package.json'), 'utf8'));
const common = { bundle: true, minify: true, target: ['es2020'], legalComments: 'none', logLevel: 'warning' };
const banner = { js: `/*! soundoff ${version} | MIT */` };
// A classic script has no import.meta: auto.js tells the engine where soundoff-tools.mjs is instead.
const classic = { format: 'iife', define: { 'import.meta.url': 'undefined' } };

// The separate-file bundle takes the web build of the engine (scripts/build.mjs) wherever the widget imports it.
const webEngine = {
  name: 'web-engine',
  setup(b) {
    b.onResolve({ filter: /soundoff-engine\.mjs$/ }, () => ({ path: join(dist, 'soundoff-engine-web.mjs') }));
  },
};
await build({ ...common, ...classic, entryPoints: [join(src, 'auto.js')], outfile: join(dist, 'soundoff.js'), banner, plugins: [webEngine] });
await build({ ...common, ...classic, entryPoints: [join(src, 'auto.js')], outfile: join(dist, 'soundoff-single.js'), banner });
await build({ ...common, entryPoints: [join(src, 'index.js')], outfile: join(dist, 'soundoff-widget.mjs'), format: 'esm', banner });
await build({ ...common, entryPoints: [join(src, 'count.js')], outfile: join(dist, 'count.js'), format: 'iife', banner });
// The demo article's sign-in switch (soundoff serve with identity.demo_login only).
await build({ ...common, entryPoints: [join(web, 'src/demo/login.js')], outfile: join(dist, 'demo-login.js'), format: 'iife', banner });
writeFileSync(join(dist, 'soundoff-ssr.css'), ssrStylesheet(css));
const types = readFileSync(join(src, 'soundoff-widget.d.ts'), 'utf8');
writeFileSync(join(dist, 'soundoff-widget.d.ts'), types);
writeFileSync(join(dist, 'soundoff-widget.d.mts'), types.replace("from './soundoff-engine.js'", "from './soundoff-engine.mjs'"));

// The widget's own size: the same bundle with the engine module replaced by a stub.
const withoutEngine = await build({
  ...common,
  ...classic,
  entryPoints: [join(src, 'auto.js')],
  write: false,
  plugins: [
    {
      name: 'engine-stub',
      setup(b) {
        b.onResolve({ filter: /soundoff-engine\.mjs$/ }, () => ({ path: 'engine-stub', namespace: 'stub' }));
        b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export const load = () => null; export const wasmFileName = null;' }));
      },
    },
  ],
});
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const own = withoutEngine.outputFiles[0].contents;
const read = (name) => readFileSync(join(dist, name));
const wasmFile = readdirSync(dist).find((name) => /^soundoff-engine\.[0-9a-f]{16}\.wasm$/.test(name));
const sizes = {
  widget_raw: own.length,
  widget_gzip: gz(own),
  // What a reader downloads: soundoff.js and its .wasm (the widget's CSS is inside the script).
  bundle_raw: read('soundoff.js').length,
  bundle_gzip: gz(read('soundoff.js')),
  wasm_raw: read(wasmFile).length,
  wasm_gzip: gz(read(wasmFile)),
  separate_total_gzip: gz(read('soundoff.js')) + gz(read(wasmFile)),
  single_raw: read('soundoff-single.js').length,
  single_gzip: gz(read('soundoff-single.js')),
  count_raw: read('count.js').length,
  count_gzip: gz(read('count.js')),
};
writeFileSync(join(dist, 'widget-size.json'), `${JSON.stringify(sizes, null, 2)}\n`);
console.log(
  `${dist}: soundoff.js ${sizes.bundle_gzip} B gzip + ${wasmFile} ${sizes.wasm_gzip} B gzip = ` +
    `${sizes.separate_total_gzip} B (widget's own code ${sizes.widget_gzip} B gzip, ${sizes.widget_raw} B minified; ` +
    `the rest is the engine); soundoff-single.js ${sizes.single_gzip} B gzip; count.js ${sizes.count_gzip} B gzip`,
);

await import('./build-admin.mjs');
