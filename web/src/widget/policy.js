// The pre-check's spam policy: a URL (fetched once when first needed; in API
// mode the server's /api/spam-policy by default) or an object. One that cannot
// be fetched leaves the documented defaults: the pre-check is advisory.

/** @returns {() => object | Promise<string | null> | null}  the policy, its text, or null for the defaults */
export function spamPolicyLoader(o) {
  let policy = null;
  const source = o.spamPolicy ?? (o.mode === 'api' ? `${String(o.api).replace(/\/+$/, '')}/api/spam-policy` : null);
  return () => {
    if (!source || typeof source === 'object') return source;
    policy ??= fetch(source, { credentials: 'omit' })
      .then((r) => (r.ok ? r.text() : null))
      .catch(() => null);
    return policy;
  };
}
