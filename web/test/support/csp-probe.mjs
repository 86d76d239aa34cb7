// Run by csp.test.mjs with --disallow-code-generation-from-strings.
import { load } from '../../dist/soundoff-engine.mjs';
import { readFixture } from './paths.mjs';

let evalBlocked = false;
try {
  new Function('return 1')();
} catch {
  evalBlocked = true;
}
if (!evalBlocked) throw new Error('code generation from strings is not disabled in this process');
const engine = await load();
const thread = engine.ingest(readFixture('seed-thread.json'));
const items = thread.page().items.length;
const segments = engine.segments('blockage@Mary see http://x.io').length;
thread.dispose();
// The tools module is imported on first use: it must instantiate without eval too.
const check = await engine.checkSpam({ author: 'Reader', body: 'see http://a.example and http://b.example' });
const resolved = await engine.resolveReplies(readFixture('seed-thread.json'));
const inferred = resolved.replies.filter((r) => r.inferred_parent !== null).length;
console.log(`eval blocked; engine ok: ${items} items, ${segments} segments; tools ok: ${check.verdict}, ${inferred} inferred replies`);
