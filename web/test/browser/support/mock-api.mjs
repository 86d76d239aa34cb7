// A stand-in for `soundoff serve` (routes and shapes of docs/server-api.md),
// for API-mode tests while the real server is not built here: pages come from
// the wasm engine in node, so they are the real page format.
import { load } from '../../../dist/soundoff-engine.mjs';

const readBody = (req) =>
  new Promise((resolve) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
  });

export async function mockApi(server, { thread, comments }) {
  const engine = await load();
  const state = { comments: comments.map((c) => ({ ...c })), nextId: 1000, votes: new Set(), reports: new Set(), posts: [], rateLimitNext: 0, hold: false, spamPolicy: null };
  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };
  const published = () => state.comments.filter((c) => (c.status ?? 'published') === 'published');
  server.handle(async (req, res, url) => {
    const base = `/api/threads/${encodeURIComponent(thread)}`;
    if (url.pathname === `${base}/comments` && req.method === 'GET') {
      const names = { page: 'page', per_page: 'perPage', sort: 'sort', max_depth: 'maxDepth', max_replies: 'maxReplies', around: 'around', after: 'after' };
      const query = {};
      for (const [name, key] of Object.entries(names)) {
        const v = url.searchParams.get(name);
        if (v !== null) query[key] = ['page', 'perPage', 'maxDepth', 'maxReplies'].includes(key) ? Number(v) : v;
      }
      const t = engine.ingest({ thread, comments: state.comments });
      try {
        send(res, 200, t.page(query));
      } catch (e) {
        send(res, e.code === 'not_found' ? 404 : 400, { code: e.code, message: e.message });
      } finally {
        t.dispose();
      }
      return true;
    }
    if (url.pathname === `${base}/comments` && req.method === 'POST') {
      const body = JSON.parse(await readBody(req));
      state.posts.push(body);
      if (state.rateLimitNext > 0) {
        state.rateLimitNext--;
        send(res, 429, { code: 'rate_limited', message: 'too many comments' }, { 'Retry-After': '7' });
        return true;
      }
      const fields = {};
      if (!body.author || !String(body.author).trim()) fields.author = { code: 'empty', message: 'author is empty' };
      if (/forbidden/.test(body.body ?? '')) fields.body = { code: 'control_character', message: 'body contains a control character' };
      if (Object.keys(fields).length) {
        send(res, 400, { code: 'invalid_comment', message: 'the comment is invalid', fields });
        return true;
      }
      const id = String(state.nextId++);
      const status = state.hold ? 'pending' : 'published';
      state.comments.push({ id, parent: body.parent ?? null, author: body.author, body: body.body, created: new Date().toISOString(), status });
      // As the server answers (docs/server-api.md): "requested", or "off" when it sends no reader mail.
      const notify = body.notify_replies || body.subscribe_thread ? { notify: state.readerMailOff ? 'off' : 'requested' } : {};
      send(res, 201, { id, status, ...notify }, { Location: `${base}/comments?around=${id}` });
      return true;
    }
    if (url.pathname === `${base}/count`) {
      send(res, 200, { thread, count: published().length });
      return true;
    }
    const action = /^\/api\/comments\/([^/]+)\/(vote|report)$/.exec(url.pathname);
    if (action && req.method === 'POST') {
      const id = decodeURIComponent(action[1]);
      const comment = state.comments.find((c) => c.id === id);
      const body = JSON.parse((await readBody(req)) || '{}');
      if (!comment) send(res, 404, { code: 'not_found', message: 'no such comment' });
      else if (action[2] === 'vote') {
        if (state.votes.has(id)) send(res, 409, { code: 'already_voted', message: 'already voted' });
        else {
          state.votes.add(id);
          if (body.value === 1) comment.up = (comment.up ?? 0) + 1;
          else comment.down = (comment.down ?? 0) + 1;
          send(res, 200, { id, up: comment.up ?? 0, down: comment.down ?? 0, score: (comment.up ?? 0) - (comment.down ?? 0) });
        }
      } else if (state.reports.has(id)) send(res, 409, { code: 'already_reported', message: 'already reported' });
      else {
        state.reports.add(id);
        send(res, 200, { id, reports: 1, status: 'published' });
      }
      return true;
    }
    if (url.pathname === '/api/spam-policy' && req.method === 'GET' && state.spamPolicy) {
      send(res, 200, state.spamPolicy);
      return true;
    }
    if (url.pathname === '/api/counts' && req.method === 'POST') {
      const { threads } = JSON.parse(await readBody(req));
      send(res, 200, { counts: Object.fromEntries(threads.map((t) => [t, t === thread ? published().length : 0])) });
      return true;
    }
    return false;
  });
  return {
    state,
    /** Another reader's comment arriving on the server. */
    add(comment) {
      state.comments.push({ id: String(state.nextId++), created: new Date().toISOString(), ...comment });
    },
  };
}
