// Navigation between pages: numbered links with prev/next and gaps from the
// page's `links` ("1 … 4 5 [6] 7 8 … 20"), or a "load more" button that
// follows `next_cursor`.
import { h } from './dom.js';

/**
 * @param {object} page  the page JSON
 * @param {object} view  {t, number, paging: 'pages'|'more', goTo(n), loadMore(button)}
 * @returns {HTMLElement|null}
 */
export function renderPager(page, view) {
  const { t } = view;
  if (view.paging === 'more') {
    if (!page.next_cursor) return null;
    const button = h('button', { type: 'button', class: 'so-load-more', text: t('load_more') });
    button.addEventListener('click', () => view.loadMore(button));
    return h('div', { class: 'so-pager' }, button);
  }
  if (!page.page || page.pages <= 1) return null;
  const list = h('ul');
  const item = (child) => list.append(h('li', {}, child));
  const button = (n, text, label, rel) => {
    const b = h('button', { type: 'button', class: `so-page${rel ? ` so-${rel}` : ''}`, 'aria-label': label, text });
    b.addEventListener('click', () => view.goTo(n));
    return b;
  };
  if (page.links.prev) item(button(page.links.prev, `‹ ${t('prev')}`, null, 'prev'));
  for (const n of page.links.pages) {
    if (n === null) item(h('span', { class: 'so-gap', 'aria-hidden': 'true', text: '…' }));
    else if (n === page.page) item(h('span', { class: 'so-current', 'aria-current': 'page', text: view.number(n) }));
    else item(button(n, view.number(n), t('page_n', { n })));
  }
  if (page.links.next) item(button(page.links.next, `${t('next')} ›`, null, 'next'));
  return h('nav', { class: 'so-pager', 'aria-label': t('pages') }, list);
}
