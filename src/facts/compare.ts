import { contentWords, similarity } from './text.js';
import type { Fact } from './extract.js';
import type { PlacedFact } from './tool.js';

/** One behavioural fact that a documentation change added, removed or altered. */
export interface FactChange {
  path: string;
  kind: PlacedFact['kind'];
  /** The fact before and after ("6 hours" → "24 hours"); null when added or removed. */
  before: string | null;
  after: string | null;
  quoteBefore: string | null;
  quoteAfter: string | null;
}

/** Sentences this alike state the same thing reworded (content words, numbers masked). */
const REWORDED = 0.5;

const masked = (quote: string) => quote.replace(/\d[\d,.:]*/g, '#').toLowerCase();

/**
 * The facts that changed between two versions of a tool's docs, per doc path (callers pass the paths
 * documented on both sides: the structural rules report members that come and go). Pairing, in order:
 * the same fact in the same sentence; the same fact in a reworded sentence (no change); the same kind and
 * unit in a sentence alike enough (a changed value: "6 hours" → "24 hours"); what is left was added or
 * removed. Requirements pair by their modal and subjects (one side's subjects within the other's), or by
 * reworded sentence, so rewording a "must" is no change.
 */
export function compareFacts(
  oldFacts: PlacedFact[],
  newFacts: PlacedFact[],
  docPaths?: ReadonlySet<string>,
): FactChange[] {
  const byPath = (fs: PlacedFact[]) => {
    const m = new Map<string, PlacedFact[]>();
    for (const f of fs) (m.get(f.path) ?? m.set(f.path, []).get(f.path)!).push(f);
    return m;
  };
  const oldAt = byPath(oldFacts);
  const newAt = byPath(newFacts);
  // Where both sides have documentation (facts or not); by default wherever either side has facts.
  const paths = docPaths ?? new Set([...oldAt.keys(), ...newAt.keys()]);
  const out: FactChange[] = [];
  for (const path of [...paths].sort()) {
    const a = [...(oldAt.get(path) ?? [])];
    const b = [...(newAt.get(path) ?? [])];
    out.push(...comparePath(path, a, b));
  }
  return out;
}

function comparePath(path: string, a: PlacedFact[], b: PlacedFact[]): FactChange[] {
  const take = (xs: PlacedFact[], pred: (x: PlacedFact) => boolean) => {
    const i = xs.findIndex(pred);
    return i < 0 ? null : xs.splice(i, 1)[0];
  };
  const pairs = (match: (x: PlacedFact, y: PlacedFact) => boolean, onPair?: (x: PlacedFact, y: PlacedFact) => void) => {
    for (const x of [...a]) {
      const y = take(b, (y) => match(x, y));
      if (y) {
        a.splice(a.indexOf(x), 1);
        onPair?.(x, y);
      }
    }
  };
  const out: FactChange[] = [];
  const same = (x: PlacedFact, y: PlacedFact) => x.kind === y.kind && x.value === y.value && x.unit === y.unit;
  const alike = (x: PlacedFact, y: PlacedFact) => similarity(contentWords(x.quote), contentWords(y.quote)) >= REWORDED;
  pairs((x, y) => same(x, y) && masked(x.quote) === masked(y.quote));
  // The same fact in another sentence: reworded or moved within this doc, not changed.
  pairs(same);
  // Requirements: the same modal about the same subjects, or the same modal in a reworded sentence.
  const subjects = (f: PlacedFact) => f.unit.split(' ').filter(Boolean);
  const overlap = (x: PlacedFact, y: PlacedFact) => {
    const [sx, sy] = [subjects(x), subjects(y)];
    return sx.length > 0 && sy.length > 0 && (sx.every((s) => sy.includes(s)) || sy.every((s) => sx.includes(s)));
  };
  pairs(
    (x, y) =>
      x.kind === 'requirement' && y.kind === 'requirement' && x.value === y.value && (alike(x, y) || overlap(x, y)),
  );
  pairs(
    (x, y) =>
      (x.kind === 'quantity' || x.kind === 'date') &&
      x.kind === y.kind &&
      x.unit === y.unit &&
      (masked(x.quote) === masked(y.quote) || alike(x, y)),
    (x, y) => out.push(change(path, x, y)),
  );
  for (const x of a) out.push(change(path, x, null));
  for (const y of b) out.push(change(path, null, y));
  return out;
}

function change(path: string, x: PlacedFact | null, y: PlacedFact | null): FactChange {
  return {
    path,
    kind: (x ?? y)!.kind,
    before: x ? factText(x) : null,
    after: y ? factText(y) : null,
    quoteBefore: x?.quote ?? null,
    quoteAfter: y?.quote ?? null,
  };
}

/** A fact as reports and anchors spell it: "6 hours", "2026-06-01", "not supported: CustomerIdentifier". */
export const factText = (f: Fact) => (f.kind === 'requirement' ? `${f.value}${f.unit ? `: ${f.unit}` : ''}` : f.value);

/** `"6 hours" → "24 hours"`, `+ "not supported: CustomerIdentifier"`, `− "…"`. */
export function factLine(c: FactChange): string {
  if (c.before && c.after) return `"${c.before}" → "${c.after}"`;
  return c.after ? `+ "${c.after}"` : `− "${c.before}"`;
}
