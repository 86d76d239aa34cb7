// Builds web/dist from the Emscripten module and web/src:
//   soundoff-engine.mjs   ES module: export { load, SoundoffError }
//   soundoff-engine.js    classic script (global `Soundoff`) that is also a CommonJS module
//   soundoff-engine.d.ts / .d.mts   the hand-written types
//   soundoff-tools.mjs    the tools module (spam check, reply resolution), an ES module whose default export is
//                         its factory; both builds of the engine import() it from their own directory on first use
//   soundoff-tools.d.mts  its (opaque) type
// Usage: node web/scripts/build.mjs [path/to/soundoff-engine-module.js [output dir, default web/dist]]
// (the tools module is read from soundoff-tools-module.js next to the engine module)
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const modulePath = resolve(process.argv[2] ?? join(web, '../build/wasm-release/wasm/soundoff-engine-module.js'));
const dist = resolve(process.argv[3] ?? join(web, 'dist'));

// Emscripten appends CommonJS/AMD exports of the factory; the facade is the
// only public API, and an anonymous AMD define() would break RequireJS pages.
const trailer = /\nif \(typeof exports === 'object' && typeof module === 'object'\)[\s\S]*$/;
function factoryOf(path) {
  const glue = readFileSync(path, 'utf8');
  if (!trailer.test(glue)) throw new Error(`${path}: unexpected Emscripten output (no export trailer)`);
  return glue.replace(trailer, '\n');
}
const factory = factoryOf(modulePath);
const toolsPath = join(dirname(modulePath), 'soundoff-tools-module.js');
// A build of the engine alone (e.g. another optimisation level for bench/) still makes a working engine; only
// checkSpam and resolveReplies would then fail with load_failed.
const toolsFactory = existsSync(toolsPath) ? factoryOf(toolsPath) : null;
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
const facade = readFileSync(join(web, 'src/facade.js'), 'utf8');
const { version } = JSON.parse(readFileSync(join(web, 'package.json'), 'utf8'));
const banner = `/*! soundoff-engine ${version} */\n`;

mkdirSync(dist, { recursive: true });
writeFileSync(
  join(dist, 'soundoff-engine.mjs'),
  `${banner}${factory}\n${esmToolsLocation}${facade}\nexport { load, SoundoffError };\n`,
);
writeFileSync(
  join(dist, 'soundoff-engine.js'),
  `${banner}(function (root) {\n${factory}\n${classicToolsLocation}${facade}\nvar api = { load: load, SoundoffError: SoundoffError };\n` +
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
console.log(`${dist}: soundoff-engine.mjs, soundoff-engine.js, .d.ts, .d.mts${toolsFactory ? ', soundoff-tools.mjs/.d.mts' : ''} from ${modulePath}`);
