// The web build of the engine (dist/soundoff-engine-web.mjs): the same engine
// as the single-file build, with its binary in a content-hashed .wasm file
// that load() compiles (docs/wasm.md, "Loading"). Browsers fetch the file
// (web/test/browser/render.test.mjs); here the bytes and URLs are handed over.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

import * as single from '../dist/soundoff-engine.mjs';
import * as web from '../dist/soundoff-engine-web.mjs';
import { readFixture } from './support/paths.mjs';

const dist = new URL('../dist/', import.meta.url);
const binary = () => readFileSync(new URL(web.wasmFileName, dist));

test('the binary file is named by its content hash; the single-file build names none', () => {
  assert.match(web.wasmFileName, /^soundoff-engine\.[0-9a-f]{16}\.wasm$/);
  const hash = createHash('sha256').update(binary()).digest('hex').slice(0, 16);
  assert.equal(web.wasmFileName, `soundoff-engine.${hash}.wasm`);
  assert.equal(single.wasmFileName, null);
  // The web build does not carry the binary as well.
  assert.ok(readFileSync(new URL('soundoff-engine-web.mjs', dist)).length < binary().length / 2);
});

test('given the bytes or a compiled module, the web build pages exactly as the single-file build', async () => {
  const document = readFixture('seed-thread.json');
  const expected = (await single.load()).ingest(document).page({ perPage: 7, sort: 'newest' });
  for (const wasm of [binary(), await WebAssembly.compile(binary())]) {
    const engine = await web.load({ wasm });
    assert.deepEqual(engine.ingest(document).page({ perPage: 7, sort: 'newest' }), expected);
  }
});

test('a binary that is not the engine, or one that cannot be fetched, rejects load() with load_failed', async () => {
  const notTheEngine = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]); // an empty module
  await assert.rejects(web.load({ wasm: notTheEngine }), (e) => e instanceof web.SoundoffError && e.code === 'load_failed');
  await assert.rejects(web.load({ wasm: new Uint8Array([1, 2, 3]) }), (e) => e.code === 'load_failed');
  const missing = pathToFileURL(join(process.cwd(), 'no-such-engine.wasm')).href;
  await assert.rejects(web.load({ wasm: missing }), (e) => e.code === 'load_failed' && e.message.includes(missing));
});
