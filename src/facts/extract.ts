import { sentences } from './text.js';

/**
 * Behavioural facts stated in documentation, read by a small fixed rule set over normalized text (no
 * network, no model weights): every fact names the sentence it came from.
 * - quantity: a number with a unit — "6 hours", "25 UsageRecords", "2,500 allocations", "1 MB", "06:00 UTC",
 *   "once per hour";
 * - date: "Starting June 1, 2026" → 2026-06-01;
 * - error: an error name mentioned in prose (TimestampOutOfBoundsException);
 * - requirement: a modal statement — must, must not, can only, cannot, not supported, not accepted,
 *   not populated, deprecated, required — with the identifiers it is about.
 */
export type FactKind = 'quantity' | 'date' | 'error' | 'requirement';

export interface Fact {
  kind: FactKind;
  /** What the fact says, canonical: "6 hours", "2026-06-01", "TimestampOutOfBoundsException", "not supported". */
  value: string;
  /** The unit of a quantity ("hour", "UsageRecords"), "date", the error name, or the requirement's subjects. */
  unit: string;
  /** The sentence it was read from. */
  quote: string;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  'twenty-four': 24,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  ninety: 90,
  hundred: 100,
};
const WORD_UNITS = [
  'millisecond',
  'second',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'year',
  'character',
  'byte',
  'record',
  'item',
  'entry',
  'entries',
  'element',
  'request',
  'call',
  'tag',
  'dimension',
  'allocation',
  'transaction',
  'time',
  'percent',
  'node',
  'task',
  'pod',
  'instance',
  'digit',
  'letter',
  'value',
  'key',
];
const SIZE_UNITS = ['KB', 'MB', 'GB', 'TB', 'KiB', 'MiB', 'GiB', 'ms'];
const WORDS = Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .flatMap((w) => [w, w[0].toUpperCase() + w.slice(1)]);
const NUM = `(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?|${WORDS.join('|')})`;
const CAMEL = '([A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+)\\b';
const UNIT = `(${WORD_UNITS.join('|')})(?:e?s)?\\b|(${SIZE_UNITS.join('|')})\\b|${CAMEL}`;
/** "1MB", "512KB": a size unit written against its number. */
const SIZE = new RegExp(`(?<![\\w.,:-])(\\d+(?:\\.\\d+)?)(${SIZE_UNITS.join('|')})\\b`, 'g');
const BOUND = /\b(?:up to|at most|at least|than|within|every|per|first|last|only|maximum of|minimum of|exceed)\s*$/i;
/** Sentences that illustrate rather than constrain: their numbers are examples, not limits. */
const EXAMPLE = /^(?:for example|for instance|e\.g\.|example:)/i;
// Case-sensitive on purpose: a CamelCase unit must really be CamelCase (not "cluster").
const QUANTITY = new RegExp(`(?<![\\w.,:-])${NUM}[- ](?:${UNIT})`, 'g');
const ONCE = /\b(?:once|one time) (?:per|an?|each|every) (hour|day|week|month|minute|second)\b/gi;
const CLOCK = /\b(\d{1,2}:\d{2})(?: ?(UTC|GMT))?\b/g;
const PERCENT = /(?<![\w.])(\d+(?:\.\d+)?) ?(?:%|percent\b)/gi;
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DATE = new RegExp(`\\b(${MONTHS.join('|')}) (\\d{1,2}),? (\\d{4})\\b|\\b(\\d{4})-(\\d{2})-(\\d{2})\\b`, 'gi');
const ERROR = /\b[A-Z][A-Za-z0-9]*(?:Exception|Error|Fault)\b/g;
const IDENT = /\b[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+\b/g;

/** Modal statements, most specific first; a sentence yields one fact per kind it states. */
const MODALS: [string, RegExp][] = [
  ['must not', /\bmust not\b|\bmustn't\b/],
  ['must', /\bmust\b(?! not)/],
  ['can only', /\b(?:can|may) only\b/],
  ['cannot', /\bcannot\b|\bcan't\b|\bcan not\b|\bunable to\b/],
  ['not supported', /\bnot supported\b|\b(?:is|are)n't supported\b|\bdo(?:es)?(?: not|n't) support\b|\bunsupported\b/],
  [
    'not accepted',
    /\b(?:aren't|isn't|won't be|are not|is not|not be|never) accepted\b|\bis rejected\b|\bare rejected\b/,
  ],
  ['not populated', /\bnot populated\b|\bnot (?:be )?returned\b/],
  ['deprecated', /\bdeprecated\b|\bno longer\b(?! than)/],
  ['required', /\b(?:is|are) (?:only )?required\b|\brequires\b/],
];

function quantityValue(
  n: number,
  unitWord: string | undefined,
  size: string | undefined,
  ident: string | undefined,
): [string, string] {
  if (ident) return [`${n} ${ident}`, ident];
  if (size) return [`${n} ${size}`, size];
  const base = unitWord === 'entries' ? 'entry' : unitWord!;
  const plural = n === 1 || base === 'percent' ? '' : base === 'entry' ? '' : 's';
  return [`${n} ${base === 'entry' && n !== 1 ? 'entries' : base}${plural}`, base];
}

const num = (s: string) => NUMBER_WORDS[s.toLowerCase()] ?? Number(s.replace(/,/g, ''));

const memo = new Map<string, Fact[]>();

/** The facts of one documentation text, in sentence order (memoized: docs repeat across tools and sides). */
export function extractFacts(html: string): Fact[] {
  if (!html) return [];
  const hit = memo.get(html);
  if (hit) return hit;
  const out: Fact[] = [];
  for (const quote of sentences(html)) {
    const seen = new Set<string>();
    const add = (f: Fact) => {
      const k = `${f.kind}\u0000${f.value}\u0000${f.unit}`;
      if (!seen.has(k)) (seen.add(k), out.push(f));
    };
    const example = EXAMPLE.test(quote);
    for (const m of example ? [] : quote.matchAll(QUANTITY)) {
      // "one" is a quantity only after a bound ("up to one hour", "longer than one day", "once in one"),
      // not in "if you specify one dimension name".
      if (/^one$/i.test(m[1]) && !BOUND.test(quote.slice(0, m.index))) continue;
      const [value, unit] = quantityValue(num(m[1]), m[2], m[3], m[4]);
      // A CamelCase word after a number is a unit only when it names countable things (UsageRecords).
      if (m[4] && !/s$/.test(m[4])) continue;
      add({ kind: 'quantity', value, unit, quote });
    }
    for (const m of example ? [] : quote.matchAll(SIZE))
      add({ kind: 'quantity', value: `${m[1]} ${m[2]}`, unit: m[2], quote });
    for (const m of quote.matchAll(ONCE))
      add({ kind: 'quantity', value: `once per ${m[1].toLowerCase()}`, unit: 'per', quote });
    for (const m of example ? [] : quote.matchAll(CLOCK))
      add({ kind: 'quantity', value: `${m[1]}${m[2] ? ` ${m[2]}` : ''}`, unit: 'clock', quote });
    for (const m of quote.matchAll(PERCENT)) add({ kind: 'quantity', value: `${m[1]}%`, unit: 'percent', quote });
    for (const m of example ? [] : quote.matchAll(DATE)) {
      const iso = m[1]
        ? `${m[3]}-${String(MONTHS.indexOf(m[1].toLowerCase()) + 1).padStart(2, '0')}-${m[2].padStart(2, '0')}`
        : `${m[4]}-${m[5]}-${m[6]}`;
      add({ kind: 'date', value: iso, unit: 'date', quote });
    }
    for (const m of quote.matchAll(ERROR)) add({ kind: 'error', value: m[0], unit: m[0], quote });
    const lower = quote.toLowerCase();
    const idents = [...new Set(quote.match(IDENT) ?? [])].filter((i) => !/(?:Exception|Error|Fault)$/.test(i)).sort();
    // IAM boilerplate ("Requires permission to access the X action") is about authorization, not the API.
    const iam = /\bpermissions?\b|\bpolicy to allow\b/i.test(quote);
    for (const [modal, re] of iam ? [] : MODALS) {
      if (re.test(lower)) add({ kind: 'requirement', value: modal, unit: idents.join(' '), quote });
    }
  }
  if (memo.size > 5_000) memo.clear();
  memo.set(html, out);
  return out;
}
