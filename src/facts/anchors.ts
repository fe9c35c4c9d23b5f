import type { Snapshot } from '../snapshot/types.js';
import { factText } from './compare.js';
import type { FactKind } from './extract.js';
import { toolFacts } from './tool.js';

/**
 * A behaviour (an emulator rule, a replay expectation) and the documentation fact it implements, as it
 * was written: the tool, the doc path and the fact ("6 hours"). When the current snapshot no longer states
 * that fact there, the behaviour is STALE — written for docs that changed — until someone reviews it.
 */
export interface Anchor {
  /** What rests on the fact: "emulator rule 'batch window'". */
  behaviour: string;
  owner: 'emulator' | 'replay';
  tool: string;
  path: string;
  kind: FactKind;
  fact: string;
  /** The sentence the behaviour was written from. */
  quote: string;
}

export interface AnchorStatus extends Anchor {
  status: 'ok' | 'stale';
  /** Why stale: what the docs say there now. */
  reason: string | null;
}

export function checkAnchors(snapshot: Snapshot, anchors: Anchor[]): AnchorStatus[] {
  return anchors.map((a) => {
    const tool = snapshot.tools.find((t) => t.name === a.tool);
    if (!tool) return { ...a, status: 'stale', reason: `${a.tool} is not in the current snapshot` };
    const here = toolFacts(tool).filter((f) => f.path === a.path && f.kind === a.kind);
    if (here.some((f) => factText(f) === a.fact)) return { ...a, status: 'ok', reason: null };
    const now = [...new Set(here.filter((f) => a.kind !== 'quantity' || sameUnit(f.value, a.fact)).map(factText))];
    return {
      ...a,
      status: 'stale',
      reason: now.length
        ? `rests on "${a.fact}" (${a.path}), which now says ${now.map((n) => `"${n}"`).join(', ')}`
        : `rests on "${a.fact}" (${a.path}), which the current docs no longer state`,
    };
  });
}

const unitOf = (v: string) => v.replace(/^[\d.,]+ /, '').replace(/s$/, '');
const sameUnit = (a: string, b: string) => unitOf(a) === unitOf(b);

/** One line per stale behaviour: `emulator rule 'batch window' rests on "6 hours" (…), which now says "24 hours"`. */
export const staleLine = (s: AnchorStatus) => `${s.behaviour} ${s.reason}`;
