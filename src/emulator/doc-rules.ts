import type { Snapshot } from '../snapshot/types.js';

/** The reporting windows the emulator enforces. */
export interface Windows {
  meterUsageHours: number;
  batchHours: number;
  /** Hours into the 1st of a month during which last month's records are still accepted; 0 = no month rule. */
  monthEndGraceHours: number;
  futureSkewSeconds: number;
}

/** An emulator rule and the documentation sentence of the served model it rests on (null: not stated). */
export interface DocRule {
  rule: string;
  tool: string;
  value: number;
  quote: string | null;
}

/** Used only when the served model's docs state nothing (older models, other fixtures). */
export const FALLBACK_WINDOWS: Windows = {
  meterUsageHours: 6,
  batchHours: 6,
  monthEndGraceHours: 0,
  futureSkewSeconds: 300,
};

const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, six: 6, twelve: 12, 'twenty-four': 24 };
const num = (s: string) => WORDS[s.toLowerCase()] ?? Number(s);
const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

function find(text: string, re: RegExp): { value: number; quote: string } | null {
  const m = re.exec(text);
  if (!m) return null;
  const start = text.lastIndexOf('.', m.index) + 1;
  const end = text.indexOf('.', m.index + m[0].length);
  return { value: num(m[1]), quote: text.slice(start, end < 0 ? undefined : end + 1).trim() };
}

const cache = new WeakMap<Snapshot, { windows: Windows; rules: DocRule[] }>();

/**
 * The windows as the served model's documentation states them, each rule with its sentence:
 * - MeterUsage: "If you submit records more than six hours after events occur, the records won't be accepted."
 * - BatchMeterUsage: "Usage records aren't accepted 6 hours or more after an event." (24 hours from 2026-07-01)
 * - BatchMeterUsage month end (2026-07-20 on): "We accept usage records for the previous billing month until
 *   06:00 UTC on the first day of the next month."
 * A rule the docs do not state falls back to FALLBACK_WINDOWS and says so (quote null).
 */
export function docWindows(snapshot: Snapshot): { windows: Windows; rules: DocRule[] } {
  const hit = cache.get(snapshot);
  if (hit) return hit;
  const docs = (tool: string) => plain(snapshot.tools.find((t) => t.name === tool)?.documentation ?? '');
  const n = '(\\d+|one|two|three|six|twelve|twenty-four)';
  const mu = find(docs('MeterUsage'), new RegExp(`more than ${n} hours after events occur`, 'i'));
  const bmu = find(docs('BatchMeterUsage'), new RegExp(`aren't accepted ${n} hours or more after an event`, 'i'));
  const grace = find(docs('BatchMeterUsage'), /previous billing month until (\d\d):00 UTC on the first day/i);
  const windows: Windows = {
    meterUsageHours: mu?.value ?? FALLBACK_WINDOWS.meterUsageHours,
    batchHours: bmu?.value ?? FALLBACK_WINDOWS.batchHours,
    monthEndGraceHours: grace?.value ?? FALLBACK_WINDOWS.monthEndGraceHours,
    futureSkewSeconds: FALLBACK_WINDOWS.futureSkewSeconds,
  };
  const rules: DocRule[] = [
    { rule: 'meter-usage window', tool: 'MeterUsage', value: windows.meterUsageHours, quote: mu?.quote ?? null },
    { rule: 'batch window', tool: 'BatchMeterUsage', value: windows.batchHours, quote: bmu?.quote ?? null },
    {
      rule: 'batch month-end grace',
      tool: 'BatchMeterUsage',
      value: windows.monthEndGraceHours,
      quote: grace?.quote ?? null,
    },
  ];
  const out = { windows, rules };
  cache.set(snapshot, out);
  return out;
}
