// Compiled (never run) by `npm run typecheck`: the hand-written .d.ts must
// describe the API the way callers use it.
import { load, SoundoffError, type Page, type TextSegment } from '../dist/soundoff-engine.mjs';

export async function render(documentBytes: Uint8Array): Promise<string[]> {
  const engine = await load();
  const thread = engine.ingest(documentBytes, { thread: 'a' });
  try {
    let page: Page | null = thread.page({ sort: 'best', perPage: 20, maxDepth: 3, replies: 'newest' });
    const out: string[] = [];
    while (page) {
      for (const item of page.items) out.push(`${item.number ?? '-'} ${item.author ?? '(deleted)'}`);
      page = thread.nextPage(page);
    }
    const n: number = thread.pageOf('1', { perPage: 20 });
    out.push(String(n));
    const segments: TextSegment[] = engine.segments('hi @Mary');
    for (const s of segments) if (s.type === 'link') out.push(s.url);
    return out;
  } catch (e) {
    if (e instanceof SoundoffError) return [e.code, e.message];
    throw e;
  } finally {
    thread.dispose();
  }
}
