// The reply form's instant pre-check: local field validation (blocking) and
// the core spam check, engine.checkSpam, from the lazily loaded tools module
// (advisory: it says what the server will most likely do). Turns results into
// translated messages. The rules are core's: the e-mail rule is
// engine.isPlausibleEmail, the counts in the messages engine.textCounts.

const encoder = new TextEncoder();
const byteLength = (text) => encoder.encode(text).length;

/** Field limits; the server's defaults (docs/server-api.md: author 100 bytes, body 10,000 bytes). */
export const defaultLimits = { author: 100, body: 10000 };

/**
 * Field errors that stop a submit: {field: message}. Empty object when fine.
 * `touched` limits "required" messages to fields the reader has left or a submit.
 * The e-mail is checked with the engine's (core's) rule, the server's; before
 * the engine has loaded it is left to the server.
 */
export function validateFields(candidate, limits, t, touched = { author: true, body: true }, engine = null) {
  const errors = {};
  for (const field of ['author', 'body']) {
    const value = candidate[field].trim();
    const length = byteLength(value);
    if (!value) {
      if (touched[field]) errors[field] = t('required');
    } else if (length > limits[field]) {
      errors[field] = t('too_long_field', { length, max: limits[field] });
    }
  }
  const email = candidate.email.trim();
  if (email && engine?.isPlausibleEmail && !engine.isPlausibleEmail(email)) errors.email = t('invalid_email');
  return errors;
}

// Reason codes of core's check_spam (docs/spam-policy.md) the reader can act on.
const reasonMessages = {
  link_limit: (facts, t) => t('why_links', { n: facts.links }),
  too_many_links: (facts, t) => t('why_links', { n: facts.links }),
  first_time_link: (facts, t) => t('why_first_time_link'),
  too_long: (facts, t) => t('why_too_long', { length: facts.chars }),
  duplicate: (facts, t) => t('why_duplicate'),
  near_duplicate: (facts, t) => t('why_near_duplicate'),
  flood: (facts, t) => t('why_flood'),
  banned_word: (facts, t) => t('why_banned_word'),
  moderation_word: (facts, t) => t('why_moderation_word'),
  empty_body: (facts, t) => t('why_empty_body'),
};

/**
 * What the spam check says about the comment as typed: a promise of the
 * messages, or of null when the engine has no checkSpam, the body is empty or
 * the check failed (the tools module did not load, a bad policy): advisory
 * only, a failing check must never block writing.
 * @returns {Promise<{verdict: string, headline: string, reasons: {code: string, text: string}[]} | null>}
 */
export async function spamPrecheck(engine, candidate, context, t, policy) {
  if (!engine || typeof engine.checkSpam !== 'function' || !candidate.body.trim()) return null;
  try {
    const [result, counts] = await Promise.all([engine.checkSpam(candidate, context, policy ?? undefined), engine.textCounts(candidate.body)]);
    return describeSpamCheck(result, counts, t);
  } catch {
    return null;
  }
}

/**
 * Turns a check result {verdict, score, reasons:[{code,message,weight}]} into
 * messages; `facts` are the body's counts as the check made them ({chars, links}).
 */
export function describeSpamCheck(result, facts, t) {
  const verdict = ['accept', 'hold', 'reject'].includes(result?.verdict) ? result.verdict : 'accept';
  const reasons = [];
  for (const reason of result?.reasons ?? []) {
    const describe = reasonMessages[reason.code];
    if (describe) reasons.push({ code: reason.code, text: describe(facts, t) });
    // Weak signals are shown only when they decided a hold or reject on their own.
    else if (verdict !== 'accept' && typeof reason.message === 'string') reasons.push({ code: reason.code, text: reason.message });
  }
  const known = reasons.filter((r) => r.code in reasonMessages);
  return { verdict, headline: t(`check_${verdict}`), reasons: verdict === 'accept' ? known : reasons };
}
