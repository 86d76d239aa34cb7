// Builds web/dist from the Emscripten module and web/src:
//   soundoff-engine.mjs   ES module: export { load, SoundoffError }
//   soundoff-engine.js    classic script (global `Soundoff`) that is also a CommonJS module
//   soundoff-engine-web.mjs  the same ES module without the binary: it compiles
//                         soundoff-engine.<hash>.wasm (next to it, or load({ wasm })) with
//                         WebAssembly.compileStreaming, so browsers stream-compile and cache the code
//   soundoff-engine.<hash>.wasm  the binary under a content-hashed name (served as immutable)
//   soundoff-engine.d.ts / .d.mts   the hand-written types
//   soundoff-tools.mjs    the tools module (spam check, reply resolution), an ES module whose default export is
//                         its factory; both builds of the engine import() it from their own directory on first use
//   soundoff-tools.d.mts  its (opaque) type
//   admin.js, admin.css   the moderation console (scripts/build-admin.mjs; needs no engine)
// Usage: node web/scripts/build.mjs [path/to/soundoff-engine-module.js [output dir, default web/dist]]
// (the tools module is read from soundoff-tools-module.js next to the engine module)
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const modulePath = resolve(process.argv[2] ?? join(web, '../build/wasm-release/wasm/soundoff-engine-module.js'));
const dist = resolve(process.argv[3] ?? join(web, 'dist'));

// Emscripten appends CommonJS/AMD exports of the factory; the facade is the
// only public API, and an anonymous AMD define() would break RequireJS pages.
const trailer = /\nif \(typeof exports === 'object' && typeof module === 'object'\)[\s\S]*$/;
// The binary leaves the glue's data: URL for a string of our own, decoded by
// wasmBinaryOf() and handed to the factory as `wasmBinary`. Emscripten 3.1.6's
// glue would otherwise fetch() its own data: URL: async, 30–60 ms of CPU in node
// (it loads undici for it), and a page CSP must allow `connect-src data:`.
const dataUrl = /data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)/;
// The glue without its export trailer and binary, and the binary as base64.
function glueOf(path) {
  const glue = readFileSync(path, 'utf8');
  if (!trailer.test(glue)) throw new Error(`${path}: unexpected Emscripten output (no export trailer)`);
  const binary = dataUrl.exec(glue);
  if (!binary) throw new Error(`${path}: no embedded wasm binary (built without -sSINGLE_FILE?)`);
  return { glue: glue.replace(trailer, '\n').replace(binary[0], 'data:application/octet-stream;base64,'), base64: binary[1] };
}
function factoryOf(path, factoryName) {
  const { glue: withoutBinary, base64 } = glueOf(path);
  // The factory keeps its name and signature; it now supplies the binary itself.
  return `${withoutBinary}\nvar ${factoryName} = (function (factory, base64) {\n` +
    `  return function (settings) {\n    return factory(Object.assign({ wasmBinary: wasmBinaryOf(base64) }, settings));\n  };\n` +
    `})(${factoryName}, '${base64}');\n`;
}
// atob and one pass over its characters (~3 ms for the engine's 145 KB); where there is no atob (a bare vm
// context), a table decoder.
const wasmBinaryOf = `function wasmBinaryOf(base64) {
  if (typeof atob === 'function') {
    var text = atob(base64);
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; ++i) bytes[i] = text.charCodeAt(i);
    return bytes;
  }
  var alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  var value = new Uint8Array(128);
  for (var k = 0; k < 64; ++k) value[alphabet.charCodeAt(k)] = k;
  var end = base64.length;
  while (end > 0 && base64.charCodeAt(end - 1) === 61) --end;  // '=' padding
  var out = new Uint8Array((end * 3) >> 2);
  for (var at = 0, o = 0, bits = 0, acc = 0; at < end; ++at) {
    acc = (acc << 6) | value[base64.charCodeAt(at)];
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  return out;
}
`;
const factory = wasmBinaryOf + factoryOf(modulePath, 'createSoundoffModule');
// How load() gets the binary: the single-file builds have it inside; the web build compiles the hashed file.
const embeddedSettings = `var wasmFileName = null;\nfunction engineSettings() {\n  return Promise.resolve({ settings: {}, failure: null });\n}\n`;
const engineBinary = Buffer.from(glueOf(modulePath).base64, 'base64');
const wasmFileName = `soundoff-engine.${createHash('sha256').update(engineBinary).digest('hex').slice(0, 16)}.wasm`;
const webSettings = `var wasmFileName = '${wasmFileName}';\n${readFileSync(join(web, 'src/wasm-loader.js'), 'utf8')}`;
const toolsPath = join(dirname(modulePath), 'soundoff-tools-module.js');
// A build of the engine alone (e.g. another optimisation level for bench/) still makes a working engine; only
// checkSpam and resolveReplies would then fail with load_failed.
const toolsFactory = existsSync(toolsPath) ? wasmBinaryOf + factoryOf(toolsPath, 'createSoundoffToolsModule') : null;
// Where the tools module is by default: next to the engine file. An ES module knows its own URL (and bundlers
// recognise `new URL('./…', import.meta.url)` as an asset); a classic script asks document.currentScript while
// it runs, and CommonJS knows its __filename.
const esmToolsLocation = `function defaultToolsLocation() {\n  return new URL('./soundoff-tools.mjs', import.meta.url).href;\n}\n`;
const classicToolsLocation =
  `var toolsBase = typeof document !== 'undefined' && document.currentScript && document.currentScript.src ? ` +
  `document.currentScript.src\n  : typeof __filename === 'string' && typeof require === 'function' ? ` +
  `require('url').pathToFileURL(__filename).href : '';\n` +
  `function defaultToolsLocation() {\n  if (!toolsBase) throw new Error("this script's location is unknown: pass load({ tools: url })");\n` +
  `  return new URL('./soundoff-tools.mjs', toolsBase).href;\n}\n`;
const facade = ['src/binary-page.js', 'src/facade.js'].map((file) => readFileSync(join(web, file), 'utf8')).join('\n');
const { version } = JSON.parse(readFileSync(join(web, 'package.json'), 'utf8'));
const banner = `/*! soundoff-engine ${version} */\n`;

mkdirSync(dist, { recursive: true });
// Old hashed binaries go: the directory holds the one the scripts name.
for (const name of readdirSync(dist)) if (/^soundoff-engine\.[0-9a-f]{16}\.wasm$/.test(name)) rmSync(join(dist, name));
writeFileSync(join(dist, wasmFileName), engineBinary);
writeFileSync(
  join(dist, 'soundoff-engine.mjs'),
  `${banner}${factory}\n${esmToolsLocation}${embeddedSettings}${facade}\nexport { load, SoundoffError, wasmFileName };\n`,
);
writeFileSync(
  join(dist, 'soundoff-engine-web.mjs'),
  `${banner}${glueOf(modulePath).glue}\n${esmToolsLocation}${webSettings}${facade}\nexport { load, SoundoffError, wasmFileName };\n`,
);
writeFileSync(
  join(dist, 'soundoff-engine.js'),
  `${banner}(function (root) {\n${factory}\n${classicToolsLocation}${embeddedSettings}${facade}\nvar api = { load: load, SoundoffError: SoundoffError };\n` +
    `if (typeof module === 'object' && module && module.exports) module.exports = api;\nelse root.Soundoff = api;\n` +
    `})(typeof globalThis !== 'undefined' ? globalThis : this);\n`,
);
if (toolsFactory) {
  writeFileSync(join(dist, 'soundoff-tools.mjs'), `${banner}${toolsFactory}\nexport default createSoundoffToolsModule;\n`);
  // Its types say only what `load({ tools })` needs: the factory is private.
  writeFileSync(
    join(dist, 'soundoff-tools.d.mts'),
    '/** The tools module\'s factory: pass the module to load({ tools }); its API is private. */\n' +
      'declare const createSoundoffToolsModule: () => Promise<unknown>;\nexport default createSoundoffToolsModule;\n',
  );
} else {
  console.warn(`${toolsPath} is missing (build the soundoff_tools target): no soundoff-tools.mjs in ${dist}`);
}
copyFileSync(join(web, 'src/soundoff-engine.d.ts'), join(dist, 'soundoff-engine.d.ts'));
copyFileSync(join(web, 'src/soundoff-engine.d.ts'), join(dist, 'soundoff-engine.d.mts'));
copyFileSync(join(web, 'src/soundoff-engine.d.ts'), join(dist, 'soundoff-engine-web.d.mts'));
console.log(`${dist}: soundoff-engine.mjs, soundoff-engine.js, soundoff-engine-web.mjs + ${wasmFileName}, .d.ts, .d.mts${toolsFactory ? ', soundoff-tools.mjs/.d.mts' : ''} from ${modulePath}`);
// The console needs no engine; it is built here too so one build step makes everything /admin serves.
await import('./build-admin.mjs');
