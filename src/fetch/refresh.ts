import { diffSnapshots } from '../drift/engine.js';
import type { DiffResult } from '../drift/types.js';
import { storePaths } from '../history/paths.js';
import {
  comparableSnapshot,
  currentSnapshot,
  currentSpecFile,
  lastVersion,
  readCheck,
  readHistory,
  recordedLocation,
  recordFetchFailure,
  recordNotModified,
  recordVersion,
  type CheckState,
} from '../history/store.js';
import type { HistoryEntry } from '../history/types.js';
import { normalize } from '../snapshot/normalize.js';
import { utc } from '../history/timeline.js';
import type { Snapshot } from '../snapshot/types.js';
import { UsageError } from '../util/errors.js';
import { FetchError } from './errors.js';
import type { HttpOptions } from './http.js';
import { fetchSource, type SourceResult, type SourceSpec } from './source.js';

export interface RefreshPackConfig {
  id: string;
  sources: SourceSpec[];
  service?: string;
}

export interface RefreshOptions {
  root: string;
  pack: RefreshPackConfig;
  http: Omit<HttpOptions, 'etag' | 'lastModified'>;
  /** A configured source name, a URL or a file/folder path. */
  source?: string;
  offline?: boolean;
  now?: Date;
}

export interface RefreshResult {
  pack: string;
  outcome: HistoryEntry['outcome'];
  entry: HistoryEntry;
  diff: DiffResult | null;
  previous: Snapshot | null;
  snapshot: Snapshot | null;
  sources: { name: string; status: 'ok' | 'not-modified' | 'failed'; detail: string }[];
  disagreement: string | null;
  message: string;
  /** Said alongside the outcome: the first source failed and a later one stood in for it. */
  note?: string;
}

function pickSources(o: RefreshOptions): SourceSpec[] {
  if (o.offline) {
    const f = currentSpecFile(o.root, o.pack.id);
    if (!f) throw new UsageError(`${o.pack.id}: no vendored spec under specs/${o.pack.id}/ to refresh from offline`);
    return [{ name: 'vendored', path: f }];
  }
  if (o.source) {
    const named = o.pack.sources.find((s) => s.name === o.source);
    if (named) return [named];
    return [/^https?:\/\//.test(o.source) ? { name: 'cli-url', url: o.source } : { name: 'cli-file', path: o.source }];
  }
  return o.pack.sources;
}

/**
 * ETag/Last-Modified last seen for a source, for a conditional request — only while a version is
 * recorded (a 304 must have something to stand for) and only for the same location.
 */
function conditional(o: RefreshOptions, check: CheckState | null, s: SourceSpec, hasVersion: boolean) {
  const seen = check?.sources?.[s.name];
  const location = recordedLocation(o.root, s.url ?? s.path ?? '');
  if (!hasVersion || !seen || seen.location !== location) return { etag: null, lastModified: null };
  return { etag: seen.etag, lastModified: seen.lastModified };
}

const agree = (a: Snapshot, b: Snapshot) => {
  const d = diffSnapshots(a, b);
  return {
    same: d.tools.every((t) => t.class === 'CLEAN' || t.class === 'DOC'),
    tools: d.tools.filter((t) => t.class !== 'CLEAN' && t.class !== 'DOC').map((t) => t.name),
  };
};

/**
 * Fetch → normalize → diff → record for one pack. Every outcome is the truth: a new version,
 * unchanged (304 or same bytes), or a failed fetch with its reason.
 */
export async function refreshPack(o: RefreshOptions): Promise<RefreshResult> {
  const paths = storePaths(o.root, o.pack.id);
  const check = readCheck(paths);
  const last = lastVersion(readHistory(paths));
  const hasVersion = !!last?.versionId;
  // The current snapshot is read only when something needs it (a quiet night needs nothing but the fetch).
  let prevMemo: Snapshot | null | undefined;
  const prev = () => (prevMemo === undefined ? (prevMemo = currentSnapshot(o.root, o.pack.id) ?? null) : prevMemo);
  // For comparing sources: as this release normalizes it (see comparableSnapshot), so they compare as APIs.
  const comparablePrev = () => (last?.versionId ? comparableSnapshot(paths, last.versionId) : null);
  const specs = pickSources(o);
  const results: (SourceResult | { status: 'failed'; name: string; location: string; error: string })[] = [];
  for (const s of specs) {
    try {
      const http = { ...o.http, ...conditional(o, check, s, hasVersion) };
      results.push(await fetchSource(s, http, o.root, { service: o.pack.service, knownSha: last?.sha256 }));
    } catch (e) {
      if (!(e instanceof FetchError)) throw e;
      // A local file named on the command line is the user's input: bad input, exit 2, nothing recorded.
      if (s.name === 'cli-file') throw new UsageError(e.message);
      results.push({ status: 'failed', name: s.name, location: s.url ?? s.path ?? '', error: e.message });
    }
  }
  const sources = results.map((r) => ({
    name: r.name,
    status: r.status,
    detail: r.status === 'failed' ? r.error : r.status === 'ok' ? `${r.bytes.length} bytes` : '304 not modified',
  }));
  const primary = results.find((r) => r.status !== 'failed') as SourceResult | undefined;
  const when = o.now ?? new Date();
  if (!primary) {
    const error = results.map((r) => `${r.name}: ${(r as { error: string }).error}`).join('; ');
    const entry = recordFetchFailure(
      o.root,
      o.pack.id,
      { name: specs[0].name, kind: specs[0].url ? 'url' : 'file', location: specs[0].url ?? specs[0].path ?? '' },
      error,
      when,
    );
    return lazyResult(
      {
        pack: o.pack.id,
        outcome: 'fetch-failed',
        entry,
        diff: null,
        sources,
        disagreement: null,
        message: `fetch failed: ${error}`,
      },
      prev,
      prev,
    );
  }
  let entry: HistoryEntry;
  let diff: DiffResult | null = null;
  let snapshot: () => Snapshot | null = prev;
  let note: string | undefined;
  // The first source failed and a later one answered (another format, as a rule: botocore for api-models-aws).
  // If it states the recorded contract, that is no news: recording it would add a version each time the first
  // source flaps, and another when it comes back. Different contracts are recorded (drift the fallback shows).
  const standIn = primary.status === 'ok' && primary.name !== specs[0].name && hasVersion && primary.model;
  const current = standIn ? comparablePrev() : null;
  if (standIn && current) {
    const fresh = normalize(primary.model!, { pack: o.pack.id, bytes: primary.bytes, location: primary.location });
    if (agree(current, fresh).same) {
      note = `${specs[0].name} failed; ${primary.name} states the recorded contract: no new version`;
    }
  }
  if (primary.status === 'not-modified' && primary.name !== specs[0].name) {
    note = `${specs[0].name} failed; ${primary.name} has not changed since it was last read`;
  }
  if (note || primary.status === 'not-modified') {
    entry = recordNotModified(
      o.root,
      o.pack.id,
      { name: primary.name, kind: primary.kind, location: primary.location },
      primary.etag,
      primary.lastModified,
      when,
    );
  } else {
    const r = recordVersion({
      root: o.root,
      pack: o.pack.id,
      bytes: primary.bytes,
      location: primary.location,
      kind: o.offline ? 'vendored' : primary.kind,
      sourceName: primary.name,
      etag: primary.etag,
      lastModified: primary.lastModified,
      observedAt: when,
      model: primary.model,
    });
    entry = r.entry;
    diff = r.diff;
    if (entry.outcome === 'new-version') {
      prevMemo = r.previous;
      snapshot = () => r.snapshot;
    }
  }
  // Compared as this release normalizes the recorded version only when a source was loaded afresh: sources that all
  // stand for the recorded version (304, same bytes: a quiet night) agree without normalizing anything.
  const compare = () => {
    if (!results.some((x) => x.status === 'ok' && x.model)) return compareSources(results, snapshot(), prev());
    const cur = entry.outcome === 'new-version' ? snapshot() : (comparablePrev() ?? snapshot());
    return compareSources(results, cur, comparablePrev());
  };
  const disagreement = results.filter((x) => x.status !== 'failed').length > 1 ? compare() : null;
  const message =
    entry.outcome === 'new-version'
      ? `new version ${entry.versionId}: ${entry.summary}`
      : `unchanged: ${entry.summary}`;
  return lazyResult(
    { pack: o.pack.id, outcome: entry.outcome, entry, diff, sources, disagreement, message, note },
    prev,
    snapshot,
  );
}

/** The result with `previous` and `snapshot` read on first use. */
function lazyResult(
  r: Omit<RefreshResult, 'previous' | 'snapshot'>,
  previous: () => Snapshot | null,
  snapshot: () => Snapshot | null,
): RefreshResult {
  Object.defineProperty(r, 'previous', { get: previous, enumerable: true });
  Object.defineProperty(r, 'snapshot', { get: snapshot, enumerable: true });
  return r as RefreshResult;
}

/** When sources disagree (one lags the other), say so and which is newer. */
function compareSources(
  results: { status: string; name: string }[],
  current: Snapshot | null,
  previous: Snapshot | null,
): string | null {
  const ok = results.filter((r) => r.status !== 'failed') as SourceResult[];
  if (ok.length < 2 || !current) return null;
  const snaps = ok.map((r) => ({
    name: r.name,
    lastModified: r.lastModified,
    // A source whose bytes are the recorded version's (not loaded again) stands for that version.
    snap:
      r.status !== 'ok'
        ? current
        : r.model
          ? normalize(r.model, { pack: current.pack, bytes: r.bytes, location: r.location })
          : (previous ?? current),
  }));
  const [a, ...rest] = snaps;
  const notes: string[] = [];
  for (const b of rest) {
    const cmp = agree(a.snap, b.snap);
    if (cmp.same) continue;
    let newer = 'unknown';
    if (previous && agree(previous, b.snap).same && !agree(previous, a.snap).same) newer = a.name;
    else if (previous && agree(previous, a.snap).same && !agree(previous, b.snap).same) newer = b.name;
    else if (a.lastModified && b.lastModified)
      newer = Date.parse(a.lastModified) >= Date.parse(b.lastModified) ? a.name : b.name;
    const lag = newer === a.name ? b.name : newer === b.name ? a.name : null;
    const which =
      newer === 'unknown' ? `cannot tell whether ${a.name} or ${b.name} is newer` : `${newer} is newer, ${lag} lags`;
    notes.push(`sources disagree on ${cmp.tools.join(', ')}: ${which}`);
  }
  return notes.length ? notes.join('; ') : null;
}

/** What a run found, without passing an old class list off as news. */
export function outcomeLine(r: RefreshResult): string {
  if (r.outcome === 'fetch-failed') return r.message;
  if (r.outcome === 'new-version') return `${r.entry.summary} (new version ${r.entry.versionId})`;
  const line = `unchanged since ${utc(r.entry.time)} (version ${r.entry.versionId}: ${r.entry.summary})`;
  return r.note ? `${line}; ${r.note}` : line;
}
