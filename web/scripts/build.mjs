// Builds web/dist from the Emscripten module and web/src:
//   soundoff-engine.mjs   ES module: export { load, SoundoffError }
//   soundoff-engine.js    classic script (global `Soundoff`) that is also a CommonJS module
//   soundoff-engine.d.ts / .d.mts   the hand-written types
// Usage: node web/scripts/build.mjs [path/to/soundoff-engine-module.js [output dir, default web/dist]]
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const modulePath = resolve(process.argv[2] ?? join(web, '../build/wasm-release/wasm/soundoff-engine-module.js'));
const dist = resolve(process.argv[3] ?? join(web, 'dist'));

// Emscripten appends CommonJS/AMD exports of the factory; the facade is the
// only public API, and an anonymous AMD define() would break RequireJS pages.
const trailer = /\nif \(typeof exports === 'object' && typeof module === 'object'\)[\s\S]*$/;
const glue = readFileSync(modulePath, 'utf8');
if (!trailer.test(glue)) throw new Error(`${modulePath}: unexpected Emscripten output (no export trailer)`);
const factory = glue.replace(trailer, '\n');
const facade = readFileSync(join(web, 'src/facade.js'), 'utf8');
const { version } = JSON.parse(readFileSync(join(web, 'package.json'), 'utf8'));
const banner = `/*! soundoff-engine ${version} */\n`;

mkdirSync(dist, { recursive: true });
writeFileSync(join(dist, 'soundoff-engine.mjs'), `${banner}${factory}\n${facade}\nexport { load, SoundoffError };\n`);
writeFileSync(
  join(dist, 'soundoff-engine.js'),
  `${banner}(function (root) {\n${factory}\n${facade}\nvar api = { load: load, SoundoffError: SoundoffError };\n` +
    `if (typeof module === 'object' && module && module.exports) module.exports = api;\nelse root.Soundoff = api;\n` +
    `})(typeof globalThis !== 'undefined' ? globalThis : this);\n`,
);
copyFileSync(join(web, 'src/soundoff-engine.d.ts'), join(dist, 'soundoff-engine.d.ts'));
copyFileSync(join(web, 'src/soundoff-engine.d.ts'), join(dist, 'soundoff-engine.d.mts'));
console.log(`${dist}: soundoff-engine.mjs, soundoff-engine.js, .d.ts, .d.mts from ${modulePath}`);
