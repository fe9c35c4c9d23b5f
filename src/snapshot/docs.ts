/** Documentation as stored: whitespace runs collapsed, trimmed. */
export function normDoc(s: unknown): string {
  if (typeof s !== 'string' || !s) return '';
  // Most texts are already single-spaced: a scan without allocation says so (trim and \s strip the same set).
  if (!UNNORMAL.test(s)) return s;
  let v = normCache.get(s);
  if (v === undefined) {
    v = s.replace(/\s+/g, ' ').trim();
    remember(normCache, s, v);
  }
  return v;
}

/** What normDoc would change: a whitespace character other than a space, two spaces, or one at either end. */
const UNNORMAL = /[^\S ]| {2}|^ | $/;

// Docs repeat (both sides of a diff carry mostly the same text, and a member's doc is read by the schema,
// the fingerprint and both differs): each distinct text is normalized once. Bounded, so a long-running
// process (the emulator, a watch of many packs) keeps a flat memory.
const LIMIT = 10_000;
const normCache = new Map<string, string>();
const keyCache = new Map<string, string>();
function remember(m: Map<string, string>, k: string, v: string): void {
  if (m.size >= LIMIT) m.clear();
  m.set(k, v);
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
  if (!n.includes('<')) return n;
  let v = keyCache.get(n);
  if (v === undefined) {
    v = n.replace(/ ?(<[^>]+>) ?/g, '$1');
    remember(keyCache, n, v);
  }
  return v;
}
