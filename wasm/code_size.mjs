// What the bytes of a wasm module are: the code section's function bodies
// summed by function name into parts (core capabilities, nlohmann-json,
// libc++, libc), plus the data section. Needs a binary with function names,
// built with -DSOUNDOFF_WASM_FUNCTION_NAMES=ON (--profiling-funcs; docs/wasm.md).
// Usage: node wasm/code_size.mjs FILE.js|FILE.wasm [--top N]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const [file, flag, topText] = process.argv.slice(2);
if (!file || (flag && flag !== '--top')) {
  console.error('usage: node code_size.mjs FILE.js|FILE.wasm [--top N]');
  process.exit(2);
}
let bytes = readFileSync(file);
if (!file.endsWith('.wasm')) {
  const match = /data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)/.exec(bytes.toString('latin1'));
  if (!match) throw new Error(`${file}: no embedded wasm binary`);
  bytes = Buffer.from(match[1], 'base64');
}

let at = 8; // magic + version
const uleb = () => {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return result;
  }
};
const name = () => {
  const length = uleb();
  const text = bytes.toString('utf8', at, at + length);
  at += length;
  return text;
};

let importedFunctions = 0;
const bodies = []; // sizes of defined functions, in order
const names = new Map();
const sections = {};
while (at < bytes.length) {
  const id = bytes[at++];
  const size = uleb();
  const end = at + size;
  if (id === 2) {
    for (let n = uleb(); n > 0; n--) {
      name();
      name();
      const kind = bytes[at++];
      if (kind === 0) (uleb(), importedFunctions++);
      else if (kind === 1) (at++, bytes[at++] & 1 ? (uleb(), uleb()) : uleb());
      else if (kind === 2) (bytes[at++] & 1 ? (uleb(), uleb()) : uleb());
      else if (kind === 3) at += 2;
    }
  } else if (id === 10) {
    for (let n = uleb(); n > 0; n--) {
      const length = uleb();
      bodies.push(length);
      at += length;
    }
  } else if (id === 0 && name() === 'name') {
    while (at < end) {
      const sub = bytes[at++];
      const subEnd = at + uleb() ;
      if (sub === 1) for (let n = uleb(); n > 0; n--) names.set(uleb(), name());
      at = subEnd;
    }
  }
  sections[id] = (sections[id] ?? 0) + size;
  at = end;
}
if (names.size === 0) throw new Error(`${file}: no function names (build with -DSOUNDOFF_WASM_FUNCTION_NAMES=ON)`);

// First match wins: the part a function belongs to, by its (demangled) name.
const parts = [
  ['binding + conversions', /soundoff::wasm|emscripten::|embind|_embind_|__getTypeName/],
  ['nlohmann-json', /nlohmann/],
  ['spam: token filter + default model', /TokenFilter|token_filter|default_spam_model/],
  ['spam: text normalisation, word lists', /TextAnalysis|text_normalize|fold|WordList|skeleton|normali[sz]e|homoglyph|leet/i],
  ['spam: checks, policy, fingerprints', /spam|Spam|promotion|fingerprint|minhash|shingle/i],
  ['reply resolution + names', /reply|Reply|resolve|name_key|NameIndex|name_match|InferredReply|irc/i],
  ['document codec, record errors, JSON writer', /document|Document|RecordError|JsonWriter|json_writer|record_error/],
  ['time, UTF-8', /iso8601|civil|utf8|Utf8/i],
  ['libc++', /std::|__2::|operator new|operator delete/],
  ['printf / strtod / soft-float', /printf|fmt_|strto|scanf|__floatscan|__intscan|__(div|mul|add|sub|ext|trunc)tf|fmodl|frexp|__shgetc|__shlim|copysignl|scalbn/],
  ['libc, malloc', /./],
];
const totals = new Map(parts.map(([label]) => [label, 0]));
const functions = [];
bodies.forEach((size, i) => {
  const fn = names.get(importedFunctions + i) ?? `function ${importedFunctions + i}`;
  const label = parts.find(([, re]) => re.test(fn))[0];
  totals.set(label, totals.get(label) + size);
  functions.push([size, fn]);
});

const code = bodies.reduce((a, b) => a + b, 0);
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
console.log(`${file}: wasm ${bytes.length} B raw, ${gzipSync(bytes, { level: 9 }).length} B gzip; ` +
            `code ${kb(code)} in ${bodies.length} functions, data ${kb(sections[11] ?? 0)}, ` +
            `names ${kb(sections[0] ?? 0)} (not shipped)`);
for (const [label, size] of [...totals].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${label.padEnd(46)} ${kb(size).padStart(9)}  ${((100 * size) / code).toFixed(1).padStart(5)}%`);
}
const top = Number(topText ?? 15);
console.log(`  largest ${top} functions:`);
for (const [size, fn] of functions.sort((a, b) => b[0] - a[0]).slice(0, top)) console.log(`  ${kb(size).padStart(9)}  ${fn.slice(0, 110)}`);
