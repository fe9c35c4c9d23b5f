import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { diffSnapshots } from '../drift/engine.js';
import { rank, type DiffResult } from '../drift/types.js';
import { loadModelText } from '../model/load.js';
import type { ServiceModel } from '../model/types.js';
import { normalize } from '../snapshot/normalize.js';
import type { Snapshot, SnapshotSource } from '../snapshot/types.js';
import { appendLine, writeFileAtomic } from '../util/atomic.js';
import { canonicalJson, sha256 } from '../util/canonical.js';
import { withLock } from './lock.js';
import { storePaths, type StorePaths } from './paths.js';
import type { HistoryEntry } from './types.js';

/** Reads history.jsonl; a torn or corrupt line (a crash mid-append) is skipped, never fatal. */
export function readHistory(paths: StorePaths): HistoryEntry[] {
  if (!existsSync(paths.historyFile)) return [];
  const out: HistoryEntry[] = [];
  for (const line of readFileSync(paths.historyFile, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as HistoryEntry;
      if (e && typeof e.outcome === 'string' && typeof e.time === 'string') out.push(e);
    } catch {
      /* torn line */
    }
  }
  return out;
}

export function lastVersion(entries: HistoryEntry[]): HistoryEntry | undefined {
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i].outcome === 'new-version') return entries[i];
  return undefined;
}

export function readSnapshot(paths: StorePaths, versionId: string): Snapshot {
  return JSON.parse(readFileSync(join(paths.snapshotsDir, `${versionId}.json`), 'utf8')) as Snapshot;
}

/** The current (newest recorded) snapshot of a pack, if any. */
export function currentSnapshot(root: string, pack: string): Snapshot | undefined {
  const paths = storePaths(root, pack);
  const last = lastVersion(readHistory(paths));
  return last?.versionId ? readSnapshot(paths, last.versionId) : undefined;
}

export function listVersions(paths: StorePaths): string[] {
  if (!existsSync(paths.snapshotsDir)) return [];
  return readdirSync(paths.snapshotsDir).filter((f) => f.endsWith('.json') && !['verdict.json', 'accepted.json'].includes(f)).map((f) => f.slice(0, -5)).sort();
}

export interface RecordInput {
  root: string;
  pack: string;
  bytes: Buffer;
  location: string;
  kind: SnapshotSource['kind'];
  sourceName?: string | null;
  etag?: string | null;
  lastModified?: string | null;
  observedAt?: Date;
  /** The model already loaded from these bytes (refresh checks it before recording): not parsed twice. */
  model?: ServiceModel;
}

export interface RecordResult {
  entry: HistoryEntry;
  diff: DiffResult | null;
  snapshot: Snapshot;
  previous: Snapshot | null;
}

function headline(diff: DiffResult): string[] {
  const all = [...diff.service.changes, ...diff.tools.flatMap((t) => t.changes)]
    .filter((c) => c.class !== 'DOC')
    .sort((a, b) => rank(b.class) - rank(a.class));
  return all.slice(0, 5).map((c) => `${c.class} ${c.path}: ${c.message}`);
}

/**
 * Records one observed model: unchanged bytes append an `unchanged` line; new bytes are written
 * (raw spec, then snapshot, each atomically) before the history line that makes them current.
 * A crash at any point leaves the previous state readable.
 */
export function recordVersion(input: RecordInput): RecordResult {
  const paths = storePaths(input.root, input.pack);
  const model = input.model ?? loadModelText(input.bytes.toString('utf8'), input.location);
  const when = input.observedAt ?? new Date();
  const fetchedAt = when.toISOString();
  return withLock(paths.lockFile, () => {
    const entries = readHistory(paths);
    const last = lastVersion(entries);
    const digest = sha256(input.bytes);
    const previous = last?.versionId ? readSnapshot(paths, last.versionId) : null;
    const base = {
      time: fetchedAt,
      pack: input.pack,
      source: { name: input.sourceName ?? null, kind: input.kind, location: input.location },
      sha256: digest,
      etag: input.etag ?? null,
      lastModified: input.lastModified ?? null,
      error: null,
    };
    if (last && last.sha256 === digest && previous) {
      const entry: HistoryEntry = {
        ...base, outcome: 'unchanged', versionId: last.versionId, previousVersionId: last.versionId,
        fingerprint: last.fingerprint, summary: last.summary, counts: last.counts, residual: last.residual,
        serviceClass: last.serviceClass, tools: last.tools, headline: [],
      };
      appendLine(paths.historyFile, JSON.stringify(entry));
      return { entry, diff: null, snapshot: previous, previous };
    }
    const versionId = `${fetchedAt.slice(0, 10)}-${digest.slice(0, 12)}`;
    const snapshot = normalize(model, {
      pack: input.pack, bytes: input.bytes, location: input.location, kind: input.kind,
      etag: input.etag ?? null, lastModified: input.lastModified ?? null, fetchedAt,
    });
    const diff = diffSnapshots(previous ?? snapshot, snapshot);
    writeFileAtomic(join(paths.specsDir, `${versionId}.json`), input.bytes);
    writeFileAtomic(join(paths.snapshotsDir, `${versionId}.json`), canonicalJson(snapshot));
    const entry: HistoryEntry = {
      ...base,
      outcome: 'new-version',
      versionId,
      previousVersionId: last?.versionId ?? null,
      fingerprint: snapshot.fingerprint,
      summary: diff.summary.line,
      counts: diff.summary.counts,
      residual: diff.summary.residual,
      serviceClass: diff.service.class,
      tools: Object.fromEntries(diff.tools.map((t) => [t.name, t.class])),
      headline: headline(diff),
    };
    appendLine(paths.historyFile, JSON.stringify(entry));
    return { entry, diff: previous ? diff : null, snapshot, previous };
  });
}

/** A failed fetch is history too: never "no drift", never a new version. */
export function recordFetchFailure(root: string, pack: string, source: { name: string | null; kind: string; location: string }, error: string, when = new Date()): HistoryEntry {
  const paths = storePaths(root, pack);
  return withLock(paths.lockFile, () => {
    const last = lastVersion(readHistory(paths));
    const entry: HistoryEntry = {
      time: when.toISOString(), pack, outcome: 'fetch-failed', source, sha256: null, etag: null, lastModified: null,
      versionId: null, previousVersionId: last?.versionId ?? null, fingerprint: null, summary: null, counts: null,
      residual: null, serviceClass: null, tools: null, headline: [], error,
    };
    appendLine(paths.historyFile, JSON.stringify(entry));
    return entry;
  });
}

/** A 304 from upstream: the last recorded version still stands. */
export function recordNotModified(root: string, pack: string, source: { name: string | null; kind: string; location: string }, etag: string | null, lastModified: string | null, when = new Date()): HistoryEntry {
  const paths = storePaths(root, pack);
  return withLock(paths.lockFile, () => {
    const last = lastVersion(readHistory(paths));
    const entry: HistoryEntry = {
      time: when.toISOString(), pack, outcome: 'unchanged', source, sha256: last?.sha256 ?? null, etag, lastModified,
      versionId: last?.versionId ?? null, previousVersionId: last?.versionId ?? null, fingerprint: last?.fingerprint ?? null,
      summary: last?.summary ?? null, counts: last?.counts ?? null, residual: last?.residual ?? null,
      serviceClass: last?.serviceClass ?? null, tools: last?.tools ?? null, headline: [], error: null,
    };
    appendLine(paths.historyFile, JSON.stringify(entry));
    return entry;
  });
}

/** The raw spec file of the current version (the offline source). */
export function currentSpecFile(root: string, pack: string): string | null {
  const paths = storePaths(root, pack);
  const last = lastVersion(readHistory(paths));
  if (!last?.versionId) return null;
  const f = join(paths.specsDir, `${last.versionId}.json`);
  return existsSync(f) ? f : null;
}
