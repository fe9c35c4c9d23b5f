// Models repeat the same documentation strings across shapes and tools: memoize (bounded).
const normCache = new Map<string, string>();
const keyCache = new Map<string, string>();
const LIMIT = 50_000;

function remember(cache: Map<string, string>, k: string, v: string): string {
  if (cache.size >= LIMIT) cache.clear();
  cache.set(k, v);
  return v;
}

/** Documentation as stored: whitespace runs collapsed, trimmed. */
export function normDoc(s: unknown): string {
  if (typeof s !== 'string' || !s) return '';
  return normCache.get(s) ?? remember(normCache, s, s.replace(/\s+/g, ' ').trim());
}

/**
 * Documentation as compared: also ignores whitespace around HTML tags, so re-wrapped docs
 * (same words, new line breaks and indentation) compare equal.
 */
export function docKey(s: unknown): string {
  if (typeof s !== 'string' || !s) return '';
  return keyCache.get(s) ?? remember(keyCache, s, normDoc(s).replace(/\s*(<[^>]+>)\s*/g, '$1'));
}
