// Prints the sizes of a single-file Emscripten module: the file as shipped
// (raw, gzip -9) and the module as wasm + glue, each gzipped on its own, which
// is the budgeted figure. With --budget-kb N exits 1 when wasm + glue gzip
// exceeds N KiB.
// Usage: node wasm/size_report.mjs FILE.js [--budget-kb N]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';

const [file, flag, budgetText] = process.argv.slice(2);
if (!file || (flag && flag !== '--budget-kb')) {
  console.error('usage: node size_report.mjs FILE.js [--budget-kb N]');
  process.exit(2);
}
const shipped = readFileSync(file);
const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

// -sSINGLE_FILE embeds the binary as a base64 data URI.
const text = shipped.toString('latin1');
const match = /data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)/.exec(text);
if (!match) {
  console.error(`${file}: no embedded wasm binary (built without -sSINGLE_FILE?)`);
  process.exit(2);
}
const wasm = Buffer.from(match[1], 'base64');
const glue = Buffer.from(text.replace(match[0], ''), 'latin1');
const engine = gzip(wasm) + gzip(glue);

console.log(`${basename(file)}: wasm + glue ${engine} B gzip (${kib(engine)}): ` +
            `wasm ${wasm.length} B raw / ${gzip(wasm)} B gzip, glue ${glue.length} B raw / ${gzip(glue)} B gzip`);
console.log(`  as shipped (wasm inlined as base64): ${shipped.length} B raw, ${gzip(shipped)} B gzip ` +
            `(${kib(gzip(shipped))}; base64 costs ${gzip(shipped) - engine} B after gzip)`);
if (flag) {
  const budget = Number(budgetText) * 1024;
  if (!(budget > 0)) {
    console.error('--budget-kb needs a positive number');
    process.exit(2);
  }
  console.log(`  budget ${budgetText} KiB for wasm + glue gzip: ${engine <= budget ? 'within' : 'OVER'} by ` +
              `${Math.abs(budget - engine)} B`);
  process.exit(engine <= budget ? 0 : 1);
}
