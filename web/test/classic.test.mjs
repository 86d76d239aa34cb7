// The classic-script build: a `Soundoff` global in a plain <script>, and a
// CommonJS module for require().
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';

import { readFixture, web } from './support/paths.mjs';

const script = join(web, 'dist/soundoff-engine.js');

test('a classic <script> defines the Soundoff global and nothing else', async () => {
  const context = vm.createContext({ TextDecoder, TextEncoder, WebAssembly, console });
  const before = new Set(Object.getOwnPropertyNames(context));
  vm.runInContext(readFileSync(script, 'utf8'), context, { filename: script });
  const added = Object.getOwnPropertyNames(context).filter((name) => !before.has(name));
  assert.deepEqual(added, ['Soundoff']);
  const engine = await context.Soundoff.load();
  const thread = engine.ingest(new Uint8Array(readFixture('seed-thread.json')));
  assert.equal(thread.page({ perPage: 1 }).items.length, 1);
  thread.dispose();
});

test('require() gives the same API', async () => {
  const { load, SoundoffError } = createRequire(import.meta.url)(script);
  const engine = await load();
  assert.throws(() => engine.ingest('nope'), (e) => e instanceof SoundoffError && e.code === 'invalid_json');
});
