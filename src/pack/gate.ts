import { rank, type DriftClass } from '../drift/types.js';
import { staleLine } from '../facts/anchors.js';
import { baselineDrift } from '../history/baseline.js';
import { storePaths } from '../history/paths.js';
import { currentSnapshot } from '../history/store.js';
import { behaviourAnchors } from '../replay/anchors.js';
import { readTrust, SENTENCES } from '../replay/trust.js';
import type { TrustLevel } from '../replay/types.js';
import type { Snapshot } from '../snapshot/types.js';
import { UsageError } from '../util/errors.js';

export const TRUST_ORDER: TrustLevel[] = ['spec-monitored', 'replay-proven', 'live-proven'];

export interface GateOptions {
  /** Tools with drift at or above this class against the accepted baseline are gated (default BREAKING). */
  blockOn?: DriftClass;
  /** Below this trust level every tool is gated (default spec-monitored: trust alone gates nothing). */
  minTrust?: TrustLevel;
}

export interface ToolGate {
  enabled: boolean;
  reason: string | null;
  drift: DriftClass;
}

export interface PackState {
  snapshot: Snapshot;
  /** The version the tools are served from. */
  versionId: string | null;
  baselineVersion: string | null;
  trust: { level: TrustLevel; sentence: string };
  gates: Map<string, ToolGate>;
}

/**
 * The pack as an agent may use it now, read fresh from the store: drift of each tool against the accepted
 * baseline, STALE behaviours, and the trust verdict decide which tools are open. Read on every list and
 * every call, so a version recorded by `watch` re-gates a running server without a restart.
 */
export function packState(root: string, pack: string, opts: GateOptions = {}): PackState {
  const snapshot = currentSnapshot(root, pack);
  if (!snapshot) throw new UsageError(`${pack}: no version recorded yet (run \`specwatch watch --offline\` first)`);
  const blockOn = opts.blockOn ?? 'BREAKING';
  const minTrust = opts.minTrust ?? 'spec-monitored';
  // Against the baseline as this release normalizes both (an upgrade of specwatch closes no tool).
  const drift = baselineDrift(root, pack);
  const base = drift?.base ?? null;
  const diff = drift?.diff ?? null;
  const stored = readTrust(storePaths(root, pack).verdictFile, snapshot.fingerprint);
  const trust = stored
    ? { level: stored.level, sentence: stored.sentence }
    : { level: 'spec-monitored' as TrustLevel, sentence: SENTENCES['spec-monitored'] };
  const stale = behaviourAnchors(snapshot).filter((a) => a.status === 'stale');
  const lowTrust = TRUST_ORDER.indexOf(trust.level) < TRUST_ORDER.indexOf(minTrust);
  const gates = new Map<string, ToolGate>();
  for (const t of snapshot.tools) {
    const drift = diff?.tools.find((d) => d.name === t.name)?.class ?? 'CLEAN';
    const reasons: string[] = [];
    if (rank(drift) >= rank(blockOn)) {
      reasons.push(
        `${drift} drift against the reviewed baseline ${base!.versionId} (run \`specwatch accept\` after review)`,
      );
    }
    for (const s of stale.filter((x) => x.tool === t.name)) reasons.push(`STALE ${staleLine(s)}`);
    if (lowTrust) reasons.push(`trust is ${trust.level}, below the required ${minTrust}`);
    gates.set(t.name, { enabled: reasons.length === 0, reason: reasons.length ? reasons.join('; ') : null, drift });
  }
  const versionId = drift?.versionId ?? null; // the baseline exists once any version is recorded
  return { snapshot, versionId, baselineVersion: base?.versionId ?? null, trust, gates };
}
