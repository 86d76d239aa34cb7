// A stand-in for the desk API of docs/moderation-api.md (sessions with a
// cookie and a CSRF token, queues with cursor paging and filters, comment
// actions and bulk, bans, threads, policy, audit), so the console's own
// behaviour (keyboard, dialogs, axe, CSP) is tested without the server
// branches. The /admin page is served with the server's CSP
// (native/server/admin_page.cpp); admin-server.test.mjs runs the real thing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { web } from '../../support/paths.mjs';

// The same CSP as set_admin_page_headers (native/server/admin_page.cpp).
export const adminCsp =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";
const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Soundoff moderation</title>
<link rel="stylesheet" href="/admin.css">
<script src="/admin.js" defer></script>
</head>
<body>
<div id="soundoff-admin"></div>
</body>
</html>
`;

const readBody = (req) =>
  new Promise((resolve) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
  });

/** `n` comments in two threads, ids 1..n, every fifth held for links, every seventh spam. */
export function deskComments(n) {
  const comments = [];
  for (let i = 1; i <= n; i++) {
    const thread = i % 2 ? 'article-1' : 'article-2';
    const status = i % 7 === 0 ? 'spam' : i % 5 === 0 ? 'published' : 'pending';
    comments.push({
      id: String(i),
      thread,
      parent: i > 2 ? String(i - 2) : null,
      parent_excerpt: i > 2 ? `Body of comment ${i - 2}` : null,
      author: i % 3 ? `Reader ${i % 4}` : '<img src=x onerror=alert(1)>',
      email: i % 4 ? `reader${i % 4}@example.org` : '',
      ip: `203.0.113.${i % 9}`,
      network: '203.0.113.0/24',
      body: i === 3 ? '<script>alert(1)</script> see http://spam.example' : `Body of comment ${i}\nsecond line`,
      created: new Date(Date.UTC(2026, 11, 2, 10, 0, i)).toISOString(),
      edited: null,
      status,
      reports: i % 11 === 0 ? 3 : 0,
      reasons: status === 'pending' ? (i % 11 === 0 ? ['reported'] : ['links']) : status === 'spam' ? ['banned_word'] : [],
      pinned: false,
      // Account badges (docs/sso.md): the server's two values, and one it never sends, which shows nothing.
      badge: { 129: 'staff', 128: 'verified', 127: '<b>x</b>' }[i] ?? null,
      permalink: i === 124 ? 'javascript:alert(1)' : `/demo/${thread}#comment-${i}`,
    });
  }
  return comments;
}

export function mockDesk(server, { comments = deskComments(30) } = {}) {
  const state = {
    users: { admin: { password: 'admin-password', role: 'admin' }, mod: { password: 'mod-password', role: 'moderator' } },
    sessions: new Map(),
    comments,
    bans: [],
    threads: [
      { key: 'article-1', title: 'Article one', url: 'https://news.example/1', comments: 15, visible: 10, last_activity: '2026-12-02T10:00:29Z', state: 'open', closes_at: null },
      { key: 'article-2', title: 'Article two', url: 'https://news.example/2', comments: 15, visible: 10, last_activity: '2026-12-02T10:00:30Z', state: 'closed', closes_at: null },
    ],
    policy: { threshold: 0.5, weights: { links: 0.4 } },
    policySource: 'config',
    audit: [],
    posts: [], // every POST: {path, csrf, body}
    nextBan: 1,
  };
  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const error = (res, status, code, message) => send(res, status, { code, message });
  const sessionOf = (req) => {
    const m = /(?:^|;\s*)soundoff_session=([^;]+)/.exec(req.headers.cookie ?? '');
    return m ? state.sessions.get(m[1]) : undefined;
  };
  const queueHas = (queue, c) =>
    queue === 'recent' ? true
    : queue === 'spam' ? c.status === 'spam'
    : queue === 'reported' ? c.status === 'pending' && c.reasons.includes('reported')
    : c.status === 'pending' && !c.reasons.includes('reported');
  const audit = (session, action, kind, target, detail = {}) =>
    state.audit.unshift({ id: String(state.audit.length + 1), time: new Date().toISOString(), actor: session.name, via: 'session', network: '127.0.0.1', action, target_kind: kind, target, detail });
  const act = (c, action, session) => {
    if (action === 'approve') Object.assign(c, { status: 'published', reports: 0 });
    else if (action === 'reject') c.status = 'spam';
    else if (action === 'delete') c.status = 'deleted';
    else if (action === 'pin') c.pinned = true;
    else if (action === 'unpin') c.pinned = false;
    else if (action === 'erase') {
      state.comments.splice(state.comments.indexOf(c), 1);
      audit(session, 'comment.erase', 'comment', c.id);
      return { id: c.id, erased: true };
    } else return null;
    audit(session, `comment.${action}`, 'comment', c.id);
    return { ...c };
  };
  const paged = (list, url, key) => {
    const limit = Math.min(200, Number(url.searchParams.get('limit') ?? 50) || 50);
    const cursor = url.searchParams.get('cursor');
    const start = cursor ? list.findIndex((x) => String(x[key]) === cursor) + 1 : 0;
    const slice = list.slice(start, start + limit);
    return { slice, next: start + limit < list.length ? String(slice.at(-1)[key]) : null };
  };

  server.route('/admin', page, { headers: { 'Content-Security-Policy': adminCsp, 'X-Frame-Options': 'DENY' } });
  server.route('/admin.js', () => readFileSync(join(web, 'dist/admin.js')), { type: 'text/javascript' });
  server.route('/admin.css', () => readFileSync(join(web, 'dist/admin.css')), { type: 'text/css' });

  server.handle(async (req, res, url) => {
    if (!url.pathname.startsWith('/api/admin/')) return false;
    const path = url.pathname.slice('/api/admin/'.length);
    const raw = req.method === 'POST' ? await readBody(req) : '';
    let body = {};
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      return error(res, 400, 'invalid_json', 'the body is not JSON'), true;
    }
    if (req.method === 'POST') state.posts.push({ path, csrf: req.headers['x-csrf-token'] ?? null, type: req.headers['content-type'], body });
    if (path === 'login' && req.method === 'POST') {
      const user = state.users[body.name];
      if (!user || user.password !== body.password) return error(res, 401, 'bad_credentials', 'wrong name or password'), true;
      const id = `s${Math.random().toString(36).slice(2)}`;
      const session = { name: body.name, role: user.role, csrf: `c${Math.random().toString(36).slice(2)}`, expires: '2026-12-03T00:00:00Z' };
      state.sessions.set(id, session);
      send(res, 200, session, { 'Set-Cookie': `soundoff_session=${id}; Path=/; HttpOnly; SameSite=Strict` });
      return true;
    }
    const session = sessionOf(req);
    if (!session) return error(res, 401, 'unauthorized', 'sign in first'), true;
    if (req.method === 'POST' && req.headers['x-csrf-token'] !== session.csrf) return error(res, 403, 'csrf', 'missing or wrong CSRF token'), true;
    if (path === 'session') return send(res, 200, session), true;
    if (path === 'logout') {
      for (const [id, s] of state.sessions) if (s === session) state.sessions.delete(id);
      send(res, 204, undefined, { 'Set-Cookie': 'soundoff_session=; Path=/; Max-Age=0' });
      return true;
    }
    if (path === 'counts') {
      const counts = {};
      for (const q of ['held', 'reported', 'spam', 'recent']) counts[q] = state.comments.filter((c) => queueHas(q, c)).length;
      return send(res, 200, counts), true;
    }
    let m = /^queue\/([a-z]+)$/.exec(path);
    if (m) {
      const known = ['limit', 'cursor', 'thread', 'author', 'email', 'network', 'reason', 'q'];
      for (const name of url.searchParams.keys()) if (!known.includes(name)) return error(res, 400, 'unknown_parameter', `unknown parameter ${name}`), true;
      const p = Object.fromEntries(url.searchParams);
      const list = state.comments
        .filter((c) => queueHas(m[1], c))
        .filter((c) => !p.thread || c.thread === p.thread)
        .filter((c) => !p.author || c.author.toLowerCase() === p.author.toLowerCase())
        .filter((c) => !p.email || c.email.toLowerCase() === p.email.toLowerCase())
        .filter((c) => !p.reason || c.reasons.includes(p.reason))
        .filter((c) => !p.network || c.ip === p.network || c.network === p.network)
        .filter((c) => !p.q || c.body.toLowerCase().includes(p.q.toLowerCase()))
        .sort((a, b) => Number(b.id) - Number(a.id));
      const { slice, next } = paged(list, url, 'id');
      return send(res, 200, { queue: m[1], comments: slice, next_cursor: next }), true;
    }
    if (path === 'comments/bulk') {
      const results = body.ids.map((id) => {
        const c = state.comments.find((x) => x.id === id);
        return c && act(c, body.action, session) ? { id, ok: true } : { id, ok: false, code: 'not_found', message: 'no such comment' };
      });
      return send(res, 200, { results }), true;
    }
    m = /^comments\/([^/]+)\/([a-z]+)$/.exec(path);
    if (m && req.method === 'POST') {
      const c = state.comments.find((x) => x.id === decodeURIComponent(m[1]));
      if (!c) return error(res, 404, 'not_found', 'no such comment'), true;
      if (m[2] === 'edit') {
        Object.assign(c, { body: body.body, edited: new Date().toISOString() });
        audit(session, 'comment.edit', 'comment', c.id);
        return send(res, 200, { ...c }), true;
      }
      const out = act(c, m[2], session);
      return out ? send(res, 200, out) : error(res, 400, 'unknown_action', 'no such action'), true;
    }
    if (path === 'bans' && req.method === 'GET') {
      const { slice, next } = paged(state.bans, url, 'id');
      return send(res, 200, { bans: slice, next_cursor: next }), true;
    }
    if (path === 'bans' && req.method === 'POST') {
      if (!['author', 'email', 'network', 'address'].includes(body.kind) || !body.value) return error(res, 400, 'invalid_ban', 'kind or value is missing'), true;
      const ban = { id: String(state.nextBan++), kind: body.kind, value: body.value, reason: body.reason ?? '', shadow: !!body.shadow, created: new Date().toISOString(), expires: body.expires ?? null, by: session.name };
      state.bans.unshift(ban);
      audit(session, 'ban.add', 'ban', ban.id, { kind: ban.kind, value: ban.value });
      return send(res, 201, ban), true;
    }
    m = /^bans\/([^/]+)\/delete$/.exec(path);
    if (m) {
      const at = state.bans.findIndex((b) => b.id === m[1]);
      if (at < 0) return error(res, 404, 'not_found', 'no such ban'), true;
      state.bans.splice(at, 1);
      audit(session, 'ban.delete', 'ban', m[1]);
      return send(res, 200, { id: m[1], deleted: true }), true;
    }
    if (path === 'threads' && req.method === 'GET') {
      const q = url.searchParams.get('q') ?? '';
      const st = url.searchParams.get('state') ?? '';
      const list = state.threads.filter((x) => (!q || x.key.includes(q) || x.title.includes(q)) && (!st || x.state === st));
      const { slice, next } = paged(list, url, 'key');
      return send(res, 200, { threads: slice, next_cursor: next }), true;
    }
    if (path === 'threads' && req.method === 'POST') {
      const thread = { key: body.key, title: body.title ?? '', url: body.url ?? '', comments: 0, visible: 0, last_activity: null, state: 'open', closes_at: null };
      state.threads.unshift(thread);
      audit(session, 'thread.register', 'thread', body.key);
      return send(res, 201, thread), true;
    }
    m = /^threads\/([^/]+)\/(close|reopen)$/.exec(path);
    if (m) {
      const thread = state.threads.find((x) => x.key === decodeURIComponent(m[1]));
      if (!thread) return error(res, 404, 'not_found', 'no such thread'), true;
      thread.state = m[2] === 'close' ? 'closed' : 'open';
      audit(session, `thread.${m[2]}`, 'thread', thread.key);
      return send(res, 200, thread), true;
    }
    if (path.startsWith('policy')) {
      const answer = () => ({ policy: state.policy, source: state.policySource, updated: state.policySource === 'database' ? new Date().toISOString() : null, by: state.policySource === 'database' ? session.name : null });
      if (req.method === 'GET') return send(res, 200, answer()), true;
      if (session.role !== 'admin') return error(res, 403, 'forbidden', 'admins only'), true;
      if (path === 'policy/reset') {
        state.policy = { threshold: 0.5, weights: { links: 0.4 } };
        state.policySource = 'config';
        return send(res, 200, answer()), true;
      }
      const weights = body.policy?.weights ?? {};
      const bad = Object.keys(weights).find((k) => !['links', 'first_time_link', 'too_long'].includes(k));
      if (bad) return error(res, 400, 'invalid_policy', `weights.${bad}: not a spam reason code`), true;
      state.policy = body.policy;
      state.policySource = 'database';
      return send(res, 200, answer()), true;
    }
    if (path === 'audit') {
      const { slice, next } = paged(state.audit, url, 'id');
      return send(res, 200, { entries: slice, next_cursor: next }), true;
    }
    return error(res, 404, 'not_found', 'no such route'), true;
  });
  return state;
}
