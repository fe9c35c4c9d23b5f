import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { diffSnapshots } from '../drift/engine.js';
import { rank, type DiffResult } from '../drift/types.js';
import { loadModelText } from '../model/load.js';
import type { ServiceModel } from '../model/types.js';
import { normalize, serviceInfo } from '../snapshot/normalize.js';
import { InputError } from '../util/errors.js';
import { redactUrl } from '../util/redact.js';
import type { Snapshot, SnapshotSource } from '../snapshot/types.js';
import { appendLine, writeFileAtomic } from '../util/atomic.js';
import { canonicalJson, sha256 } from '../util/canonical.js';
import { withLock } from './lock.js';
import { storePaths, type StorePaths } from './paths.js';
import type { HistoryEntry } from './types.js';

/**
 * Reads history.jsonl: one line per recorded version. A torn or corrupt line (a crash mid-append)
 * is skipped, never fatal; lines of older specwatch versions that recorded checks are passed over.
 */
export function readHistory(paths: StorePaths): HistoryEntry[] {
  if (!existsSync(paths.historyFile)) return [];
  const out: HistoryEntry[] = [];
  for (const line of readFileSync(paths.historyFile, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as HistoryEntry;
      const version = e && e.outcome === 'new-version' && typeof e.time === 'string' && typeof e.versionId === 'string';
      if (version) out.push(e);
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

/**
 * A recorded version as this specwatch normalizes it, for comparing with a fresh snapshot: its stored spec loaded
 * and normalized again (source and pack as recorded). A snapshot stored by an older specwatch may lack what the
 * normalizer states now (XML wire names, say); diffed as stored, every such fact would read as drift of the API.
 * Falls back to the stored snapshot when the spec is missing or this specwatch refuses it.
 */
export function comparableSnapshot(paths: StorePaths, versionId: string): Snapshot {
  const spec = join(paths.specsDir, `${versionId}.json`);
  const snapFile = join(paths.snapshotsDir, `${versionId}.json`);
  if (!existsSync(spec)) return readSnapshot(paths, versionId);
  // Kept per process while both files are as they were (a gated MCP server reads the pack on every call).
  const stamp = [spec, snapFile]
    .map((f) => statSync(f))
    .map((st) => `${st.mtimeMs}:${st.size}`)
    .join('|');
  const memo = COMPARABLE.get(spec);
  if (memo?.stamp === stamp) return memo.snapshot;
  const snapshot = renormalized(readSnapshot(paths, versionId), spec);
  COMPARABLE.set(spec, { stamp, snapshot });
  return snapshot;
}
const COMPARABLE = new Map<string, { stamp: string; snapshot: Snapshot }>();

function renormalized(stored: Snapshot, spec: string): Snapshot {
  try {
    const bytes = readFileSync(spec);
    const src = stored.source;
    // The recorded service (a Smithy document may hold several); botocore names it without a namespace.
    const hint = stored.service.shapeId.includes('#') ? stored.service.shapeId : undefined;
    const fresh = normalize(loadModelText(bytes.toString('utf8'), spec, hint), {
      pack: stored.pack,
      bytes,
      location: src.location,
      kind: src.kind,
      etag: src.etag,
      lastModified: src.lastModified,
      fetchedAt: src.fetchedAt,
    });
    return { ...stored, service: fresh.service, tools: fresh.tools, fingerprint: fresh.fingerprint };
  } catch (e) {
    if (e instanceof InputError) return stored;
    throw e;
  }
}

/** The current (newest recorded) snapshot of a pack, if any. */
export function currentSnapshot(root: string, pack: string): Snapshot | undefined {
  const paths = storePaths(root, pack);
  const last = lastVersion(readHistory(paths));
  return last?.versionId ? readSnapshot(paths, last.versionId) : undefined;
}

export function listVersions(paths: StorePaths): string[] {
  if (!existsSync(paths.snapshotsDir)) return [];
  const notVersions = ['verdict.json', 'accepted.json', 'check.json'];
  return readdirSync(paths.snapshotsDir)
    .filter((f) => f.endsWith('.json') && !notVersions.includes(f))
    .map((f) => f.slice(0, -5))
    .sort();
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
  /**
   * The model already loaded from these bytes (refresh checks it before recording): not parsed twice.
   * Null when the source skipped loading because the bytes hash like the current version's.
   */
  model?: ServiceModel | null;
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

/** A model of another service is never recorded as a version of this pack. */
function checkSameService(previous: Snapshot | null, model: ServiceModel, file: string): void {
  if (!previous) return;
  const a = previous.service;
  const b = serviceInfo(model);
  // The endpoint prefix names a service in both formats and in every model version since 2016.
  const same = a.endpointPrefix && b.endpointPrefix ? a.endpointPrefix === b.endpointPrefix : a.name === b.name;
  if (!same) {
    throw new InputError(
      file,
      '$',
      `a model of service ${b.shapeId} (endpoint prefix ${b.endpointPrefix}), ` +
        `not of this pack's service ${a.shapeId} (endpoint prefix ${a.endpointPrefix}): not recorded`,
    );
  }
}

/** Where a source is recorded: a URL without secrets, or a path relative to the project (never a machine path). */
export function recordedLocation(root: string, location: string): string {
  if (/^https?:\/\//i.test(location)) return redactUrl(location);
  if (!isAbsolute(location)) return location.split(sep).join('/');
  return relative(root, location).split(sep).join('/') || '.';
}

/**
 * Records one observed model. New bytes are written (raw spec, then snapshot, each atomically)
 * before the history line that makes them current; a crash at any point leaves the previous state
 * readable. Bytes equal to the current version's append nothing: history records versions, not
 * checks (the last check is in check.json).
 */
export function recordVersion(input: RecordInput): RecordResult {
  const paths = storePaths(input.root, input.pack);
  const location = recordedLocation(input.root, input.location);
  const digest = sha256(input.bytes);
  const load = () => input.model ?? loadModelText(input.bytes.toString('utf8'), location);
  // Bytes that hash like the current version are not parsed at all (the quiet night's cost is the fetch);
  // otherwise the model is loaded before the lock is taken, to keep the lock short.
  let model = lastVersion(readHistory(paths))?.sha256 === digest ? null : load();
  const when = input.observedAt ?? new Date();
  const fetchedAt = when.toISOString();
  return withLock(paths.lockFile, () => {
    const entries = readHistory(paths);
    const last = lastVersion(entries);
    const snapFile = last?.versionId ? join(paths.snapshotsDir, `${last.versionId}.json`) : null;
    if (last && last.sha256 === digest && snapFile && existsSync(snapFile)) {
      const source = { name: input.sourceName ?? null, kind: input.kind, location };
      if (input.kind !== 'vendored') {
        updateCheck(paths, input.pack, last, when, null, source.name, {
          location,
          etag: input.etag ?? null,
          lastModified: input.lastModified ?? null,
        });
      }
      const entry: HistoryEntry = { ...last, outcome: 'unchanged', headline: [] };
      return lazyUnchanged(entry, () => readSnapshot(paths, last.versionId!));
    }
    model ??= load(); // another writer recorded a version meanwhile
    const previous = last?.versionId ? comparableSnapshot(paths, last.versionId) : null;
    const source = { name: input.sourceName ?? null, kind: input.kind, location };
    const validators = { etag: input.etag ?? null, lastModified: input.lastModified ?? null };
    // The vendored copy (offline runs) is not a check of upstream: it leaves check.json alone.
    const noteCheck = (version: HistoryEntry) => {
      if (input.kind === 'vendored') return;
      updateCheck(paths, input.pack, version, when, null, source.name, { location, ...validators });
    };
    checkSameService(previous, model, location);
    const versionId = `${fetchedAt.slice(0, 10)}-${digest.slice(0, 12)}`;
    const snapshot = normalize(model, {
      pack: input.pack,
      bytes: input.bytes,
      location,
      kind: input.kind,
      ...validators,
      fetchedAt,
    });
    const diff = diffSnapshots(previous ?? snapshot, snapshot);
    writeFileAtomic(join(paths.specsDir, `${versionId}.json`), input.bytes);
    writeFileAtomic(join(paths.snapshotsDir, `${versionId}.json`), canonicalJson(snapshot));
    const entry: HistoryEntry = {
      time: fetchedAt,
      pack: input.pack,
      source,
      sha256: digest,
      ...validators,
      error: null,
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
    noteCheck(entry);
    return { entry, diff: previous ? diff : null, snapshot, previous };
  });
}

/** An unchanged result whose snapshot is read only if someone asks for it. */
function lazyUnchanged(entry: HistoryEntry, read: () => Snapshot): RecordResult {
  let snap: Snapshot | undefined;
  const get = () => (snap ??= read());
  const r = { entry, diff: null } as unknown as RecordResult;
  Object.defineProperty(r, 'snapshot', { get, enumerable: true });
  Object.defineProperty(r, 'previous', { get, enumerable: true });
  return r;
}

/** A source as history names it. */
type SourceRef = HistoryEntry['source'];

/** The outcome of the last check, kept beside the history. */
export interface CheckState {
  pack: string;
  /** The current version (unchanged by a quiet night). */
  versionId: string | null;
  fetch: 'ok' | 'failed';
  /** Since when the fetch has had this outcome (and error): the version's time on quiet nights. */
  since: string;
  error: string | null;
  /** Per source, what a conditional request sends next time. */
  sources: Record<string, { location: string; etag: string | null; lastModified: string | null }>;
  /** The pack's drift issue as the last sync left it (absent: none known). */
  issue?: { number: number; state: 'open' | 'closed' };
}

export function readCheck(paths: StorePaths): CheckState | null {
  if (!existsSync(paths.checkFile)) return null;
  try {
    return JSON.parse(readFileSync(paths.checkFile, 'utf8')) as CheckState;
  } catch {
    return null;
  }
}

/**
 * Updates check.json, writing only when its content changes: a quiet night (same version, same
 * validators) leaves the file, and so the repository, untouched.
 */
function updateCheck(
  paths: StorePaths,
  pack: string,
  last: HistoryEntry | undefined,
  when: Date,
  error: string | null,
  sourceName: string | null,
  source?: { location: string; etag: string | null; lastModified: string | null },
): void {
  const prev = readCheck(paths);
  const fetch = error ? 'failed' : 'ok';
  const versionId = last?.versionId ?? null;
  const continues = prev && prev.fetch === fetch && prev.error === error && (error || prev.versionId === versionId);
  const since = continues ? prev.since : error ? when.toISOString() : (last?.time ?? when.toISOString());
  const sources = { ...(prev?.sources ?? {}) };
  if (sourceName && source) sources[sourceName] = source;
  const next: CheckState = {
    pack,
    versionId,
    fetch,
    since,
    error,
    sources,
    ...(prev?.issue ? { issue: prev.issue } : {}),
  };
  const text = canonicalJson(next);
  const same = existsSync(paths.checkFile) && readFileSync(paths.checkFile, 'utf8') === text;
  if (!same) writeFileAtomic(paths.checkFile, text);
}

/**
 * Notes the pack's drift issue after a sync (the directory shows it): written only when it changes, so a quiet
 * night with the same open issue writes nothing.
 */
export function noteIssue(root: string, pack: string, issue: CheckState['issue'] | null): void {
  const paths = storePaths(root, pack);
  withLock(paths.lockFile, () => {
    const prev = readCheck(paths);
    if (!prev) return;
    const { issue: _old, ...rest } = prev;
    const text = canonicalJson(issue ? { ...rest, issue } : rest);
    if (!(existsSync(paths.checkFile) && readFileSync(paths.checkFile, 'utf8') === text))
      writeFileAtomic(paths.checkFile, text);
  });
}

/** A failed fetch: never "no drift", never a new version; check.json says since when it fails. */
export function recordFetchFailure(
  root: string,
  pack: string,
  source: SourceRef,
  error: string,
  when = new Date(),
): HistoryEntry {
  const paths = storePaths(root, pack);
  const location = recordedLocation(root, source.location);
  return withLock(paths.lockFile, () => {
    const last = lastVersion(readHistory(paths));
    updateCheck(paths, pack, last, when, error, null);
    return {
      time: when.toISOString(),
      pack,
      outcome: 'fetch-failed',
      source: { ...source, location },
      sha256: null,
      etag: null,
      lastModified: null,
      versionId: null,
      previousVersionId: last?.versionId ?? null,
      fingerprint: null,
      summary: null,
      counts: null,
      residual: null,
      serviceClass: null,
      tools: null,
      headline: [],
      error,
    };
  });
}

/** A 304 from upstream: the last recorded version still stands; nothing is appended. */
export function recordNotModified(
  root: string,
  pack: string,
  source: SourceRef,
  etag: string | null,
  lastModified: string | null,
  when = new Date(),
): HistoryEntry {
  const paths = storePaths(root, pack);
  const location = recordedLocation(root, source.location);
  return withLock(paths.lockFile, () => {
    const last = lastVersion(readHistory(paths));
    updateCheck(paths, pack, last, when, null, source.name, { location, etag, lastModified });
    if (!last) throw new Error('internal: 304 with no recorded version');
    return { ...last, outcome: 'unchanged', headline: [] };
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
