// The console's only way to the server: the desk API of docs/moderation-api.md,
// same origin, with the session cookie. Every state change is a JSON POST that
// carries the session's CSRF token; failures become AdminError with the
// server's {code, message} (and the HTTP status and Retry-After).

export class AdminError extends Error {
  constructor(code, message, status = 0, retryAfter = null) {
    super(message);
    this.name = 'AdminError';
    this.code = code;
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

/** Query string of the non-empty values of `params` ('' when there are none). */
export function queryString(params) {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && String(value).trim() !== '') q.set(name, String(value).trim());
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

/**
 * @param {object} hooks  {unauthorized(): void} called when a call answers 401 after signing in
 */
export function createApi(hooks = {}) {
  let csrf = '';
  const enc = encodeURIComponent;

  async function call(method, path, body) {
    const headers = { Accept: 'application/json' };
    const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
    if (method !== 'GET') {
      headers['Content-Type'] = 'application/json';
      if (csrf) headers['X-CSRF-Token'] = csrf;
      init.body = JSON.stringify(body ?? {});
    }
    let response;
    try {
      response = await fetch(`/api/admin/${path}`, init);
    } catch (e) {
      throw new AdminError('network', (e && e.message) || 'network error');
    }
    const text = await response.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!response.ok) {
      const retry = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
      const error = new AdminError(data?.code ?? `http_${response.status}`, data?.message ?? `HTTP ${response.status}`, response.status,
        Number.isFinite(retry) ? retry : null);
      if (response.status === 401 && path !== 'login' && path !== 'session' && csrf) {
        csrf = '';
        hooks.unauthorized?.();
      }
      throw error;
    }
    return data;
  }
  const get = (path, params) => call('GET', path + queryString(params));
  const post = (path, body) => call('POST', path, body);
  const remember = (session) => {
    csrf = session?.csrf ?? '';
    return session;
  };

  return {
    login: async (name, password) => remember(await post('login', { name, password })),
    session: async () => remember(await get('session')),
    logout: async () => {
      try {
        await post('logout', {});
      } finally {
        csrf = '';
      }
    },
    counts: (params) => get('counts', params),
    queue: (queue, params) => get(`queue/${enc(queue)}`, params),
    act: (id, action) => post(`comments/${enc(id)}/${enc(action)}`, {}),
    edit: (id, body) => post(`comments/${enc(id)}/edit`, { body }),
    bulk: (action, ids) => post('comments/bulk', { action, ids }),
    bans: (params) => get('bans', params),
    addBan: (ban) => post('bans', ban),
    liftBan: (id) => post(`bans/${enc(id)}/delete`, {}),
    threads: (params) => get('threads', params),
    registerThread: (thread) => post('threads', thread),
    closeThread: (key) => post(`threads/${enc(key)}/close`, {}),
    reopenThread: (key) => post(`threads/${enc(key)}/reopen`, {}),
    policy: () => get('policy'),
    savePolicy: (policy) => post('policy', { policy }),
    resetPolicy: () => post('policy/reset', {}),
    audit: (params) => get('audit', params),
    outbox: (params) => get('outbox', params),
    retryDelivery: (id) => post(`outbox/${enc(id)}/retry`, {}),
  };
}
