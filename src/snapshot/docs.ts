/** Documentation as stored: whitespace runs collapsed, trimmed. */
export function normDoc(s: unknown): string {
  if (typeof s !== 'string' || !s) return '';
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Documentation as compared: also ignores whitespace around HTML tags, so re-wrapped docs
 * (same words, new line breaks and indentation) compare equal. Runs on every documentation string
 * of a model, so the tag pass is skipped for text without markup.
 */
export function docKey(s: unknown): string {
  return docKeyOfNormalized(normDoc(s));
}

/** docKey for text already passed through normDoc (everything a snapshot stores): the tag pass only. */
export function docKeyOfNormalized(n: string): string {
  return n.includes('<') ? n.replace(/ ?(<[^>]+>) ?/g, '$1') : n;
}
