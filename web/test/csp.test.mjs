// A strict-CSP stand-in: the engine must load and work in a process where
// eval and new Function are disabled.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

import { web } from './support/paths.mjs';

test('the engine and its tools module work under --disallow-code-generation-from-strings', () => {
  const probe = join(web, 'test/support/csp-probe.mjs');
  const run = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', probe], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /eval blocked; engine ok: \d+ items, \d+ segments; tools ok: hold, [1-9]\d* inferred replies/);
});
