import { EMULATOR_ANCHORS, METERING_SERVICE } from '../emulator/anchors.js';
import { checkAnchors, type Anchor, type AnchorStatus } from '../facts/anchors.js';
import type { Snapshot } from '../snapshot/types.js';
import { ALL_CASES } from './cases/index.js';

export { METERING_SERVICE };

/** Every replay expectation that names a documentation fact, as an anchor. */
export const REPLAY_ANCHORS: Anchor[] = ALL_CASES.flatMap((tc) =>
  tc.cases
    .filter((c) => c.anchor)
    .map((c) => ({
      behaviour: `replay case '${tc.tool}: ${c.name}'`,
      owner: 'replay' as const,
      tool: tc.tool,
      path: c.anchor!.path,
      kind: c.anchor!.kind,
      fact: c.anchor!.fact,
      quote: c.ground ?? '',
    })),
);

/**
 * The behaviours of a pack and whether the facts they rest on still hold in its current snapshot. Only the
 * metering service has hand-written behaviours; any other service has none.
 */
export function behaviourAnchors(snapshot: Snapshot): AnchorStatus[] {
  if (snapshot.service.name !== METERING_SERVICE) return [];
  return checkAnchors(snapshot, [...EMULATOR_ANCHORS, ...REPLAY_ANCHORS]);
}
