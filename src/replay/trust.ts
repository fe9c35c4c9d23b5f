import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../util/atomic.js';
import { canonicalJson } from '../util/canonical.js';
import type { ReplayReport, TrustLevel } from './types.js';

export interface TrustRecord {
  pack: string;
  snapshotFingerprint: string;
  level: TrustLevel;
  sentence: string;
  emulator: TargetProof | null;
  /** A third-party endpoint (LocalStack, moto, a proxy): shown, never a rung of the ladder. */
  endpoint?: (TargetProof & { url: string | null }) | null;
  live: TargetProof | null;
}

export interface TargetProof { time: string; line: string; tools: Record<string, string> }

export const SENTENCES: Record<TrustLevel, string> = {
  'spec-monitored': 'Usable, but spec-monitored only — not behaviorally proven yet.',
  'replay-proven': 'Usable — every tool replays as modelled against the emulator; not yet proven against the live API.',
  'live-proven': 'Usable — replay-proven, and read-only probes pass against the live API.',
};

function passed(r: { tools: Record<string, string> } | null): boolean {
  return !!r && Object.values(r.tools).every((v) => v === 'PASS' || v === 'SKIP') && Object.values(r.tools).some((v) => v === 'PASS');
}

/** The agent-trust ladder: spec-monitored → replay-proven (emulator) → live-proven (read-only probes). */
export function trustFrom(emulator: TrustRecord['emulator'], live: TrustRecord['live']): { level: TrustLevel; sentence: string } {
  const failing = emulator ? Object.entries(emulator.tools).filter(([, v]) => v === 'FAIL').map(([k]) => k) : [];
  if (failing.length) {
    return { level: 'spec-monitored', sentence: `Caution — replay found ${failing.length} tool(s) not behaving as the spec says (${failing.join(', ')}); spec-monitored only.` };
  }
  if (passed(emulator) && passed(live)) return { level: 'live-proven', sentence: SENTENCES['live-proven'] };
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
  const entry = { time: report.startedAt, line: report.summary.line, tools: Object.fromEntries(report.tools.map((t) => [t.name, t.verdict])) };
  const emulator = report.target === 'emulator' ? entry : prev?.emulator ?? null;
  const live = report.target === 'live' ? entry : prev?.live ?? null;
  const endpoint = report.target === 'endpoint' ? { ...entry, url: report.endpoint } : prev?.endpoint ?? null;
  const t: TrustRecord = {
    pack: report.pack, snapshotFingerprint: report.snapshotFingerprint, ...trustFrom(emulator, live),
    emulator, endpoint, live,
  };
  writeFileAtomic(file, canonicalJson(t));
  return t;
}
