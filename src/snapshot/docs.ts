/** Documentation as stored: whitespace runs collapsed, trimmed. */
export function normDoc(s: unknown): string {
  return typeof s === 'string' ? s.replace(/\s+/g, ' ').trim() : '';
}

/**
 * Documentation as compared: also ignores whitespace around HTML tags, so re-wrapped docs
 * (same words, new line breaks and indentation) compare equal.
 */
export function docKey(s: unknown): string {
  return normDoc(s).replace(/\s*(<[^>]+>)\s*/g, '$1');
}
