/** Documentation as stored: whitespace runs collapsed, trimmed. */
export function normDoc(s: unknown): string {
  if (typeof s !== 'string' || !s) return '';
  return s.replace(/\s+/g, ' ').trim();
}

const KEY_RE = /\s*(<[^>]+>)\s*|\s+/g;

/**
 * Documentation as compared: also ignores whitespace around HTML tags, so re-wrapped docs
 * (same words, new line breaks and indentation) compare equal. One regex pass (this runs on every
 * documentation string of a model).
 */
export function docKey(s: unknown): string {
  if (typeof s !== 'string' || !s) return '';
  return s.replace(KEY_RE, (_m, tag: string | undefined) => tag ?? ' ').trim();
}
