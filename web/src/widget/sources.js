// Where pages come from. Both sources answer the same questions with the same
// page JSON, so one renderer serves both:
//   page(query)  query in the facade's camelCase (sort, page, around, after, perPage, maxDepth, maxReplies)
// The API source also posts, votes, reports and counts (docs/server-api.md).

/** Static mode: the whole comment document is fetched once and paged by the wasm engine. */
export async function staticSource(enginePromise, { src, document: doc, thread }) {
  const input = doc ?? (await fetchBytes(src));
  const engine = await enginePromise;
  const ingested = engine.ingest(input, thread ? { thread } : undefined);
  return {
    mode: 'static',
    page: async (query) => ingested.page(query),
    dispose: () => ingested.dispose(),
  };
}

async function fetchBytes(src) {
  const response = await fetch(src, { credentials: 'same-origin' });
  if (!response.ok) throw new WidgetError('load_failed', `${src}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** An error with a stable code (and the HTTP facts the form needs). */
export class WidgetError extends Error {
  constructor(code, message, extra = {}) {
    super(message);
    this.name = 'WidgetError';
    this.code = code;
    Object.assign(this, extra);
  }
}

const queryNames = { sort: 'sort', page: 'page', around: 'around', after: 'after', perPage: 'per_page', maxDepth: 'max_depth', maxReplies: 'max_replies', replies: 'replies' };

/**
 * API mode: pages, writes and counts from a Soundoff server. The thread is `options.thread`, or the one the
 * server keeps for `options.pageUrl` (GET /api/threads?url=). A page with no thread yet gets the key the server
 * names, and its comments carry the page's URL and title so that the first published one registers them.
 */
export async function apiSource(options) {
  const base = String(options.api ?? '').replace(/\/+$/, '');
  const call = async (url, init) => {
    let response;
    try {
      response = await fetch(url, { ...init, credentials: 'omit' });
    } catch (e) {
      throw new WidgetError('network', (e && e.message) || 'network error');
    }
    const text = await response.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!response.ok) {
      const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
      throw new WidgetError(data?.code ?? `http_${response.status}`, data?.message ?? `HTTP ${response.status}`, {
        status: response.status,
        fields: data?.fields ?? null,
        retryAfter: Number.isFinite(retryAfter) ? retryAfter : null,
      });
    }
    return data;
  };
  const { thread, page: threadPage } = await threadOf(base, options, call);
  const threadUrl = `${base}/api/threads/${encodeURIComponent(thread)}`;
  // The signed-in reader's token (docs/sso.md) goes with every write; read at each call, so setUser() applies at once.
  const post = (url, body) => {
    const headers = { 'Content-Type': 'application/json' };
    if (options.ssoToken) headers['X-Soundoff-User'] = String(options.ssoToken);
    return call(url, { method: 'POST', headers, body: JSON.stringify(body) });
  };
  return {
    mode: 'api',
    thread,
    feed: `${base}/feed/threads/${encodeURIComponent(thread)}.atom`,
    page: (query = {}) => {
      const params = new URLSearchParams();
      for (const [key, name] of Object.entries(queryNames)) {
        if (query[key] !== undefined && query[key] !== null) params.set(name, String(query[key]));
      }
      return call(`${threadUrl}/comments?${params}`);
    },
    post: (comment) => post(`${threadUrl}/comments`, threadPage ? { ...comment, ...threadPage } : comment),
    vote: (id, value) => post(`${base}/api/comments/${encodeURIComponent(id)}/vote`, { value }),
    report: (id) => post(`${base}/api/comments/${encodeURIComponent(id)}/report`, {}),
    count: async () => (await call(`${threadUrl}/count`)).count,
    // Own comments: the edit key goes in a header, never in the URL (docs/server-api.md).
    edit: (id, key, body) =>
      call(`${threadUrl}/comments/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'X-Soundoff-Edit-Key': key },
        body: JSON.stringify({ body }),
      }),
    remove: (id, key) =>
      call(`${threadUrl}/comments/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { 'X-Soundoff-Edit-Key': key } }),
    dispose: () => {},
  };
}

// The thread key, and the page fields to post with while the page has no thread yet.
async function threadOf(base, options, call) {
  if (options.thread) return { thread: String(options.thread), page: null };
  const found = await call(`${base}/api/threads?url=${encodeURIComponent(options.pageUrl)}`);
  if (found.exists && found.url) return { thread: found.key, page: null };
  const title = document.title.trim().slice(0, 200); // the server keeps at most 500 bytes
  return { thread: found.key, page: { thread_url: found.url, ...(title && { thread_title: title }) } };
}
