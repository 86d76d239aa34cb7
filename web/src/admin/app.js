// The moderation console (/admin): signs in, then shows the layout (header,
// nav of queues with counts and the other views) and the view the location
// hash names (#/queue/held, #/bans, #/threads, #/policy, #/audit, #/outbox).
// Views are made by queue.js, bans.js, threads.js, policy.js, audit.js and
// outbox.js; this file only wires them to the session, the nav and the keyboard.
import { clear, h } from '../widget/dom.js';
import { createApi } from './api.js';
import { auditView } from './audit.js';
import { bansView } from './bans.js';
import { showHelp } from './help.js';
import { chooseLanguage, translator } from './i18n.js';
import { showLogin } from './login.js';
import { outboxView } from './outbox.js';
import { policyView } from './policy.js';
import { queueView, queues } from './queue.js';
import { threadsView } from './threads.js';
import { button } from './ui.js';

const views = {
  bans: { title: 'bans', make: bansView },
  threads: { title: 'threads', make: threadsView },
  policy: { title: 'policy', make: policyView, admin: 'policy_admin_only' },
  audit: { title: 'audit', make: auditView },
  outbox: { title: 'deliveries', make: outboxView, admin: 'outbox_admin_only' },
};

/** Which view a location hash names: {kind: 'queue', queue} or {kind: name}. */
export function route(hash) {
  const [, first, second] = /^#\/([a-z]+)(?:\/([a-z]+))?$/.exec(hash || '') ?? [];
  if (first === 'queue' && queues.includes(second)) return { kind: 'queue', queue: second };
  if (first && Object.hasOwn(views, first)) return { kind: first };
  return { kind: 'queue', queue: 'held' };
}

export function startConsole(root) {
  const lang = chooseLanguage(location.search, navigator.languages?.length ? navigator.languages : [navigator.language]);
  const t = translator(lang);
  document.documentElement.lang = lang;
  document.title = t('app_title');
  const live = h('div', { class: 'sr', role: 'status', 'aria-live': 'polite' });
  const app = {
    t,
    session: null,
    api: createApi({ unauthorized: () => signIn(t('session_expired')) }),
    /** Tells screen readers (and the status line) what just happened. */
    announce(text) {
      live.textContent = '';
      setTimeout(() => (live.textContent = text), 20);
      status.textContent = text;
    },
    refreshCounts: () => refreshCounts(),
    isAdmin: () => app.session?.role === 'admin',
  };
  const status = h('p', { class: 'status' });
  let current = null; // the mounted view: {keydown?(event)}
  const countBadges = {};

  let signingIn = false;
  function signIn(message) {
    // Several calls can fail with 401 at once when a session ends: one form is enough.
    if (signingIn) return;
    signingIn = true;
    current = null;
    app.session = null;
    clear(root).append(live);
    showLogin(app, root, message).then((session) => {
      signingIn = false;
      app.session = session;
      showLayout();
    });
  }

  function navLink(href, text, badge) {
    return h('li', {}, h('a', { href, 'data-route': href }, text, badge ? ' ' : null, badge ?? null));
  }

  let main;
  let nav;
  function showLayout() {
    const { session } = app;
    const skip = h('a', { class: 'skip', href: '#main', text: t('skip') });
    skip.addEventListener('click', (e) => {
      e.preventDefault();
      main.focus();
    });
    const signOut = button(t('sign_out'), async () => {
      try {
        await app.api.logout();
      } catch {
        // Signed out either way: the cookie is the server's to clear, the token is gone here.
      }
      signIn();
    });
    const help = button('?', () => showHelp(t), { label: t('help_open'), className: 'help-button' });
    const queueLinks = queues.map((q) => {
      countBadges[q] = h('span', { class: 'count', 'aria-hidden': 'true' });
      const item = navLink(`#/queue/${q}`, t(`queue_${q}`), countBadges[q]);
      countBadges[q].link = item.firstChild;
      return item;
    });
    const otherLinks = Object.entries(views)
      .filter(([, v]) => !v.admin || app.isAdmin())
      .map(([name, v]) => navLink(`#/${name}`, t(v.title)));
    nav = h(
      'nav',
      { 'aria-label': t('nav') },
      h('h2', { class: 'nav-heading', text: t('queues') }),
      h('ul', {}, ...queueLinks),
      h('ul', { class: 'other' }, ...otherLinks),
    );
    main = h('main', { id: 'main', tabindex: '-1' });
    clear(root).append(
      skip,
      h(
        'header',
        { class: 'top' },
        h('p', { class: 'brand', text: t('app_title') }),
        h('p', { class: 'who', text: t('signed_in_as', { name: session.name, role: t(`role_${session.role}`) }) }),
        help,
        signOut,
      ),
      h('div', { class: 'shell' }, nav, main),
      h('footer', { class: 'foot' }, status),
      live,
    );
    showRoute();
    refreshCounts();
  }

  async function refreshCounts() {
    try {
      const counts = await app.api.counts();
      for (const q of queues) {
        const badge = countBadges[q];
        const n = Number(counts?.[q] ?? 0);
        badge.textContent = new Intl.NumberFormat(t.locale).format(n);
        badge.link.setAttribute('aria-label', t('count_label', { label: t(`queue_${q}`), n }));
      }
    } catch {
      // Counts are a convenience: the queue itself says what failed.
    }
  }

  function showRoute() {
    if (!app.session) return;
    const r = route(location.hash);
    const name = r.kind === 'queue' ? `#/queue/${r.queue}` : `#/${r.kind}`;
    for (const a of nav.querySelectorAll('a[data-route]')) {
      if (a.dataset.route === name) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    const title = r.kind === 'queue' ? t(`queue_${r.queue}`) : t(views[r.kind].title);
    const heading = h('h1', { id: 'view-title', text: title });
    clear(main).append(heading);
    if (r.kind !== 'queue' && views[r.kind].admin && !app.isAdmin()) {
      main.append(h('p', { text: t(views[r.kind].admin) }));
      current = null;
      return;
    }
    current = r.kind === 'queue' ? queueView(app, main, r.queue) : views[r.kind].make(app, main);
  }

  window.addEventListener('hashchange', () => {
    showRoute();
    main?.focus({ preventScroll: true });
  });
  document.addEventListener('keydown', (event) => {
    if (!app.session || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (document.querySelector('dialog[open]')) return;
    const target = event.target;
    if (target instanceof HTMLElement && target.closest('input, textarea, select, [contenteditable]')) return;
    if (event.key === '?') {
      event.preventDefault();
      showHelp(t);
      return;
    }
    current?.keydown?.(event);
  });

  app.api.session().then(
    (session) => {
      app.session = session;
      showLayout();
    },
    () => signIn(),
  );
  return app;
}
