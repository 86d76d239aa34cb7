// Compiled (never run) by `npm run test:browser`: the widget's .d.ts must
// describe the API the way bundler users call it.
import { loadEngine, locales, mount, type Widget, type WidgetOptions } from '../../dist/soundoff-widget.mjs';

export async function embed(element: HTMLElement): Promise<Widget> {
  const options: WidgetOptions = {
    api: 'https://comments.example',
    thread: 'article-123',
    sort: 'best',
    perPage: 20,
    maxDepth: 4,
    paging: 'more',
    theme: 'dark',
    lang: 'de-AT',
    strings: { fr: { title: 'réactions', responses: { one: '{n} réponse', other: '{n} réponses' } } },
    engine: loadEngine(),
    spamPolicy: { links: { hold_at: 1 } },
  };
  const widget = mount(element, options);
  widget.host.addEventListener('soundoff:render', () => {});
  await widget.ready;
  await widget.checkNow();
  const keys: string[] = Object.keys(locales.en ?? {});
  if (!keys.length) widget.destroy();
  return mount('#soundoff', { src: '/comments.json', document: { comments: [] } });
}
