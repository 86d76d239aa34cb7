// axe-core (npm, pinned in package.json) in a page whose CSP allows only its own scripts: the source is run
// through the DevTools protocol (page.evaluate of a string), which a page's CSP does not govern, so the
// production CSP stays as strict as it is (no addScriptTag, no bypassCSP).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe's violations on the page as it is now (WCAG 2.x A/AA and best practices), as readable strings. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(', ')}`);
  });
  return violations;
}
