// The native CLI the wasm tools are compared with, and the shared data sets
// (../shared, read in place: never copied into the repository). Both may be
// absent: callers skip with the reason.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { web } from './paths.mjs';

const candidates = [
  process.env.SOUNDOFF_BIN,
  join(web, '../build/native-debug/native/soundoff'),
  join(web, '../build/native-release/native/soundoff'),
].filter(Boolean);

/** Path of a built `soundoff` CLI, or null. */
export const cliPath = candidates.find((path) => existsSync(path)) ?? null;
export const noCli = cliPath ? null : `no native CLI at ${candidates.join(' or ')} (scripts/test builds it)`;

/** Runs `soundoff ARGS` with `input` on stdin; returns stdout, throws with stderr on failure. */
export function runCli(args, input) {
  const run = spawnSync(cliPath, args, { input, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (run.status !== 0) throw new Error(`soundoff ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

export const sharedRoot = join(web, '../../shared');
/** A file under ../shared as text, or null when ../shared (or the file) is absent. */
export function readShared(path) {
  const full = join(sharedRoot, path);
  return existsSync(full) ? readFileSync(full, 'utf8') : null;
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) -> rows of strings. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') field += text[i++];
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += ch;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}

/**
 * A raw IRC log ("[HH:MM] <nick> text" lines; others are system lines and left
 * out) as a comment document: one comment per message, ids the line numbers.
 */
export function ircToDocument(text, thread) {
  const comments = [];
  text.split('\n').forEach((line, index) => {
    const m = /^\[(\d\d):(\d\d)\] <([^>]+)> (.*)$/.exec(line);
    if (!m) return;
    const created = new Date(Date.UTC(2005, 0, 1, Number(m[1]), Number(m[2]))).toISOString();
    comments.push({ id: String(index), author: m[3], created, body: m[4] });
  });
  return { thread, comments };
}
