// Compiled (never run) by `npm run typecheck`: the hand-written .d.ts must
// describe the API the way callers use it.
import {
  load,
  SoundoffError,
  type Page,
  type ResolvedReplies,
  type SiteModelJson,
  type SiteModelSummary,
  type SpamCheckResult,
  type SpamReasonCode,
  type TextCounts,
  type TextSegment,
} from '../dist/soundoff-engine.mjs';

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

// The tools module's methods: promises of plain data, errors as SoundoffError codes.
export async function precheck(body: string): Promise<string> {
  const engine = await load({ tools: () => import('../dist/soundoff-tools.mjs') });
  await engine.loadTools();
  const check: SpamCheckResult = await engine.checkSpam(
    { author: 'Reader', body, email: null },
    { thread: [{ author: 'Mary', body: 'hi', created: '2013-09-09T20:00:00Z' }], authorApproved: 0 },
    { links: { hold_at: 1 } },
  );
  const codes: SpamReasonCode[] = check.reasons.map((r) => r.code);
  const model: SiteModelJson = { format: 'soundoff-site-model', version: 1, decisions: 0, spam_examples: 0, ham_examples: 0, features: { '7': [1, 0] } };
  const summary: SiteModelSummary = await engine.loadSiteModel(model, { minExamples: 5 });
  await engine.loadSiteModel(JSON.stringify(model));
  await engine.clearSiteModel();
  const counts: TextCounts = await engine.textCounts(body);
  const keys: string[] = engine.nameKeys(['Mary', 'banasy\u00a9']);
  const email: boolean = engine.isPlausibleEmail('reader@example.org');
  const resolved: ResolvedReplies = await engine.resolveReplies('[]', { window: 10, bots: ['ubottu'] });
  const parents = resolved.replies.map((r) => r.inferred_parent ?? r.parent);
  return `${check.verdict} ${check.score} ${codes.join(',')} ${parents.length} ${counts.chars}/${counts.links} ${keys.join(',')} ${email} ${summary.active}`;
}
