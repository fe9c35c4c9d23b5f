import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../util/atomic.js';
import { canonicalJson } from '../util/canonical.js';
import type { ReplayReport, StaleBehaviour, TrustLevel } from './types.js';

export interface TrustRecord {
  pack: string;
  snapshotFingerprint: string;
  level: TrustLevel;
  sentence: string;
  emulator: TargetProof | null;
  /** A third-party endpoint (LocalStack, moto, a proxy): shown, never a rung of the ladder. */
  endpoint?: (TargetProof & { url: string | null }) | null;
  live: TargetProof | null;
  /** Behaviours of this snapshot resting on doc facts that changed (none: absent). */
  stale?: StaleBehaviour[];
}

export interface TargetProof {
  time: string;
  line: string;
  tools: Record<string, string>;
}

export const SENTENCES: Record<TrustLevel, string> = {
  'spec-monitored': 'Usable, but spec-monitored only — not behaviorally proven yet.',
  'replay-proven': 'Usable — every tool replays as modelled against the emulator; not yet proven against the live API.',
  'live-proven': 'Usable — replay-proven, and read-only probes pass against the live API.',
};

function passed(r: { tools: Record<string, string> } | null): boolean {
  return (
    !!r &&
    Object.values(r.tools).every((v) => v === 'PASS' || v === 'SKIP') &&
    Object.values(r.tools).some((v) => v === 'PASS')
  );
}

/**
 * The agent-trust ladder: spec-monitored → replay-proven (emulator) → live-proven (read-only probes). A
 * replayed tool whose behaviour is STALE (an emulator rule or expectation rests on a doc fact that changed)
 * proves nothing until reviewed: the pack stays spec-monitored.
 */
export function trustFrom(
  emulator: TrustRecord['emulator'],
  live: TrustRecord['live'],
  stale: StaleBehaviour[] = [],
): { level: TrustLevel; sentence: string } {
  const failing = emulator
    ? Object.entries(emulator.tools)
        .filter(([, v]) => v === 'FAIL')
        .map(([k]) => k)
    : [];
  if (failing.length) {
    return {
      level: 'spec-monitored',
      sentence:
        `Caution — replay found ${failing.length} tool(s) not behaving as the spec says ` +
        `(${failing.join(', ')}); spec-monitored only.`,
    };
  }
  const replayed = new Set(
    Object.entries(emulator?.tools ?? {})
      .filter(([, v]) => v === 'PASS')
      .map(([k]) => k),
  );
  const staleHere = stale.filter((s) => replayed.has(s.tool));
  if (staleHere.length) {
    const names = [...new Set(staleHere.map((s) => s.behaviour))];
    return {
      level: 'spec-monitored',
      sentence:
        `Caution — ${names.length} emulator rule(s) or expectation(s) rest on documentation that changed ` +
        `(${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}); not replay-proven until reviewed.`,
    };
  }
  if (passed(emulator) && passed(live) && emulator!.line.includes('(derived)')) {
    return {
      level: 'live-proven',
      sentence:
        "Usable — every tool's derived cases pass against the emulator, and read-only probes of its @readonly " +
        'operations pass against the live API; no behavioural cases.',
    };
  }
  if (passed(emulator) && passed(live)) return { level: 'live-proven', sentence: SENTENCES['live-proven'] };
  if (passed(emulator) && emulator!.line.includes('(derived)')) {
    // Cases derived from the schema prove the protocol layer and the schema round trip, not behaviour.
    return {
      level: 'replay-proven',
      sentence:
        "Usable — every tool's derived cases (valid input, boundaries, refused invalid input) pass against " +
        'the emulator; no behavioural cases, not proven against the live API.',
    };
  }
  if (passed(emulator)) return { level: 'replay-proven', sentence: SENTENCES['replay-proven'] };
  return { level: 'spec-monitored', sentence: SENTENCES['spec-monitored'] };
}

export function readTrust(file: string, fingerprint: string | null): TrustRecord | null {
  if (!existsSync(file)) return null;
  try {
    const t = JSON.parse(readFileSync(file, 'utf8')) as TrustRecord;
    // Proof belongs to one contract: a new snapshot needs a new replay.
    if (fingerprint && t.snapshotFingerprint !== fingerprint) return null;
    return t;
  } catch {
    return null;
  }
}

/** Stores the verdict beside the history, merging the emulator and live proofs of the same snapshot. */
export function storeTrust(file: string, report: ReplayReport): TrustRecord {
  const prev = readTrust(file, report.snapshotFingerprint);
  const entry = {
    time: report.startedAt,
    line: report.summary.line,
    tools: Object.fromEntries(report.tools.map((t) => [t.name, t.verdict])),
  };
  const emulator = report.target === 'emulator' ? entry : (prev?.emulator ?? null);
  const live = report.target === 'live' ? entry : (prev?.live ?? null);
  const endpoint = report.target === 'endpoint' ? { ...entry, url: report.endpoint } : (prev?.endpoint ?? null);
  const stale = report.behaviour.stale;
  const t: TrustRecord = {
    pack: report.pack,
    snapshotFingerprint: report.snapshotFingerprint,
    ...trustFrom(emulator, live, stale),
    emulator,
    endpoint,
    live,
    ...(stale.length ? { stale } : {}),
  };
  writeFileAtomic(file, canonicalJson(t));
  return t;
}
