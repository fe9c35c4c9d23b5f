import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../util/atomic.js';
import { UsageError } from '../util/errors.js';
import { canonicalJson } from '../util/canonical.js';
import { withLock } from './lock.js';
import { storePaths } from './paths.js';
import { comparableSnapshot, lastVersion, readHistory, readSnapshot } from './store.js';
import { diffSnapshots } from '../drift/engine.js';
import type { DiffResult } from '../drift/types.js';
import type { Snapshot } from '../snapshot/types.js';
import type { HistoryEntry } from './types.js';

export interface Accepted {
  versionId: string;
  fingerprint: string;
  acceptedAt: string;
  note: string | null;
}

/** The reviewed baseline drift issues are measured against: the accepted version, else the first recorded. */
export function baseline(
  root: string,
  pack: string,
): { versionId: string; snapshot: Snapshot; accepted: boolean } | null {
  const paths = storePaths(root, pack);
  if (existsSync(paths.acceptedFile)) {
    const a = JSON.parse(readFileSync(paths.acceptedFile, 'utf8')) as Accepted;
    return { versionId: a.versionId, snapshot: readSnapshot(paths, a.versionId), accepted: true };
  }
  const first = readHistory(paths).find((e) => e.outcome === 'new-version');
  return first?.versionId
    ? { versionId: first.versionId, snapshot: readSnapshot(paths, first.versionId), accepted: false }
    : null;
}

/**
 * Drift of the newest recorded version from the baseline (drift issues, the gated agent pack). Both are taken as this
 * release normalizes them (see comparableSnapshot), so versions recorded by different releases compare as the API;
 * the same version needs no comparison of that kind. Null when nothing is recorded.
 */
export function baselineDrift(
  root: string,
  pack: string,
): { base: NonNullable<ReturnType<typeof baseline>>; versionId: string; diff: DiffResult } | null {
  const paths = storePaths(root, pack);
  const base = baseline(root, pack);
  const versionId = lastVersion(readHistory(paths))?.versionId;
  if (!base || !versionId) return null;
  const diff =
    base.versionId === versionId
      ? diffSnapshots(base.snapshot, base.snapshot)
      : diffSnapshots(comparableSnapshot(paths, base.versionId), comparableSnapshot(paths, versionId));
  return { base, versionId, diff };
}

/** The version `accept` would make the baseline (refused when nothing is recorded). */
export function acceptable(root: string, pack: string): HistoryEntry & { versionId: string; fingerprint: string } {
  const last = lastVersion(readHistory(storePaths(root, pack)));
  if (!last?.versionId || !last.fingerprint) {
    throw new UsageError(`${pack}: no recorded version to accept (run \`specwatch refresh\` first)`);
  }
  return last as HistoryEntry & { versionId: string; fingerprint: string };
}

/** `specwatch accept`: people reviewed the current version; it becomes the baseline. */
export function acceptCurrent(root: string, pack: string, note: string | null = null, when = new Date()): Accepted {
  const paths = storePaths(root, pack);
  // Refuse before taking the lock: the lock would create the store's folders.
  acceptable(root, pack);
  return withLock(paths.lockFile, () => {
    const last = acceptable(root, pack);
    const a: Accepted = {
      versionId: last.versionId,
      fingerprint: last.fingerprint,
      acceptedAt: when.toISOString(),
      note,
    };
    writeFileAtomic(paths.acceptedFile, canonicalJson(a));
    return a;
  });
}
