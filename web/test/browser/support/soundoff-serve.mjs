// The real comment server for browser tests: `soundoff serve` on a temporary
// SQLite database, port 0, web/dist as its static files. Shared so every
// test starts, waits for and stops it the same way.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';

import { web } from '../../support/paths.mjs';
import { launch } from './browser.mjs';

export const soundoffBinary = process.env.SOUNDOFF_BIN ?? join(web, '../build/native-debug/native/soundoff');

/** Why a test cannot run the server (binary missing, no `serve` command), or null. */
export function whyNoServer() {
  if (!existsSync(soundoffBinary)) return `${soundoffBinary} is not built (scripts/test builds it)`;
  const help = spawnSync(soundoffBinary, ['--help'], { encoding: 'utf8' });
  if (!/\bserve\b/.test(`${help.stdout}${help.stderr}`)) return `${soundoffBinary} has no serve command`;
  return null;
}

/**
 * Starts `soundoff serve --db DB` with `args` added and resolves once it listens:
 * `{ origin, stop }`. Rejects with the server's stderr if it exits or is silent for 15 s.
 */
export async function startSoundoff(db, args = []) {
  const child = spawn(soundoffBinary, ['serve', '--db', db, '--host', '127.0.0.1', '--port', '0', '--static', join(web, 'dist'),
    '--no-rate-limit', '--access-log', 'off', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const origin = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`soundoff serve did not start: ${stderr}`)), 15000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[^\s/]+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`soundoff serve exited with ${code}: ${stderr}`));
    });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { origin, stop };
}

/**
 * A server on a fresh temporary database (with `args`) and a browser for the test file: before() starts both
 * into the returned object's `server` and `browser`, after() stops them and removes the database. Nothing
 * starts when `skip` says why the server cannot run.
 */
export function serverAndBrowserForFile(skip, prefix, args = []) {
  const shared = { server: null, browser: null };
  let dir = null;
  before(async () => {
    if (skip) return;
    dir = mkdtempSync(join(tmpdir(), prefix));
    shared.server = await startSoundoff(join(dir, 'test.db'), args);
    shared.browser = await launch();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return shared;
}
