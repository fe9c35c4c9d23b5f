/** Query parameters whose values are secrets (presigned URLs, API keys, tokens). */
const SECRET_PARAM = /token|key|secret|passw|signature|credential|auth|sig$|session/i;

/**
 * A URL as it may be recorded or printed: userinfo and secret-looking query values replaced by
 * `***`. Anything that is not a URL is returned unchanged. The real URL is only ever used to fetch.
 */
export function redactUrl(text: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return text;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return text;
  let changed = false;
  if (u.username || u.password) {
    u.username = '***';
    u.password = '';
    changed = true;
  }
  for (const k of [...u.searchParams.keys()]) {
    if (SECRET_PARAM.test(k)) {
      u.searchParams.set(k, '***');
      changed = true;
    }
  }
  return changed ? u.toString().replace(/%2A%2A%2A/g, '***') : text;
}

/** Redacts every http(s) URL inside a message. */
export function redactText(text: string): string {
  return text.replace(/https?:\/\/[^\s"'<>]+/g, (m) => redactUrl(m));
}
