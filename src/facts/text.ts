/**
 * Documentation as sentences of plain text. Block-level tags (paragraphs, list items, notes) end a
 * sentence; inline tags (<code>, <a>) are dropped with their text kept.
 */
const BLOCK = /<\/?(?:p|li|ul|ol|note|important|br|div|h\d|dt|dd|dl|table|tr|td)\b[^>]*>/gi;

export function plainText(html: string): string {
  return html
    .replace(BLOCK, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[’‘]/g, "'");
}

/** Sentences: split at block boundaries and at ". " before a capital, a digit or an opening bracket. */
export function sentences(html: string): string[] {
  const out: string[] = [];
  for (const block of plainText(html).split('\n')) {
    const text = block
      .replace(/\s+/g, ' ')
      .replace(/ ([.,;:)])/g, '$1')
      .replace(/\( /g, '(')
      .trim();
    if (!text) continue;
    for (const s of text.split(/(?<=[.!?])\s+(?=[A-Z0-9("])/)) if (s.trim()) out.push(s.trim());
  }
  return out;
}

const STOP = new Set([
  'the',
  'a',
  'an',
  'and',
  'or',
  'of',
  'to',
  'for',
  'in',
  'on',
  'is',
  'are',
  'be',
  'this',
  'that',
  'with',
  'by',
  'as',
  'at',
  'it',
  'its',
  'your',
  'you',
  'from',
  'will',
  'can',
  'if',
  'we',
  'our',
  'not',
  'no',
]);

/** The content words of a sentence (lowercase, no stop words, numbers masked): for pairing reworded facts. */
export function contentWords(s: string): Set<string> {
  return new Set(
    s
      .toLowerCase()
      .replace(/\d[\d,.]*/g, '#')
      .split(/[^a-z0-9#'-]+/)
      .filter((w) => w && !STOP.has(w)),
  );
}

export function similarity(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / (a.size + b.size - common);
}
