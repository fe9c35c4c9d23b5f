import { relative, resolve } from 'node:path';
import type { DriftClass } from '../drift/types.js';
import { rank } from '../drift/types.js';
import { staleLine } from '../facts/anchors.js';
import { outcomeLine } from '../fetch/refresh.js';
import type { GitHubTarget } from '../github/client.js';
import { syncPackIssueOutcome } from '../github/sync.js';
import { storePaths } from '../history/paths.js';
import { currentSnapshot, noteIssue } from '../history/store.js';
import { behaviourAnchors } from '../replay/anchors.js';
import { replayPack } from '../replay/pack.js';
import { readTrust, SENTENCES } from '../replay/trust.js';
import { writeDirectory, writeStatusPage } from '../report/write.js';
import { UsageError } from '../util/errors.js';
import { EXIT as EXIT_CODES } from '../util/exit.js';
import { refreshPacks, worstOf } from './refresh-packs.js';

export interface WatchOptions {
  root: string;
  config?: string;
  source?: string;
  offline?: boolean;
  failOn?: DriftClass;
  replay?: 'auto' | 'always' | 'never';
  openIssues?: boolean;
  dryRun?: boolean;
  statusDir?: string;
  /** A GitHub target when issues are synced for real (checked by the caller before anything runs). */
  github?: GitHubTarget | null;
  token?: string;
  progress?: (msg: string) => void;
}

/** One pack's night, as `watch --json` prints it. */
export interface WatchPackResult {
  pack: string;
  outcome: string;
  summary: string | null;
  line: string;
  versionId: string | null;
  since: string | null;
  error: string | null;
  disagreement: string | null;
  replay: string | null;
  stale: string[];
  trust: { level: string; sentence: string };
  statusPage: { html: string; markdown: string };
  issue: string | null;
  issueAction: string | null;
  issueError: string | null;
  /** For the job summary: the page's Markdown twin. */
  markdown: string;
  issueStatus: number | null;
}

/**
 * The main job, one pack after another: refresh → replay (when the snapshot changed or has no proof) →
 * verdict → status page → issues. Called alike by `watch`, the shard runner and the tests; the CLI only
 * prints. The exit code: 0 ok · 1 drift at or above failOn, or a failing replay · 3 a fetch failed ·
 * 2 GitHub refused the credentials · 5 another GitHub failure.
 */
export async function watchPacks(ids: string[], o: WatchOptions): Promise<{ packs: WatchPackResult[]; exit: number }> {
  const root = resolve(o.root);
  const mode = o.replay ?? 'auto';
  if (!['auto', 'always', 'never'].includes(mode))
    throw new UsageError(`--replay must be auto, always or never (got "${mode}")`);
  const { results, config } = await refreshPacks(ids, { ...o, root });
  const out: WatchPackResult[] = [];
  let exit: number = EXIT_CODES.OK;
  for (const r of results) {
    const pack = config.packs.find((p) => p.id === r.pack)!;
    const snap = currentSnapshot(root, pack.id);
    const paths = storePaths(root, pack.id);
    let replayLine: string | null = null;
    let replayFailed = false;
    const proven = snap ? readTrust(paths.verdictFile, snap.fingerprint) : null;
    if (snap && (mode === 'always' || (mode === 'auto' && (r.outcome === 'new-version' || !proven?.emulator)))) {
      const rep = await replayPack(pack.id, { root, store: true, progress: o.progress });
      replayLine = rep.summary.line;
      replayFailed = rep.summary.FAIL > 0;
    } else if (proven?.emulator) replayLine = `${proven.emulator.line} (current snapshot, not re-run)`;
    const trust = snap ? readTrust(paths.verdictFile, snap.fingerprint) : null;
    const sentence = trust?.sentence ?? SENTENCES['spec-monitored'];
    const stale = snap
      ? behaviourAnchors(snap)
          .filter((a) => a.status === 'stale')
          .map(staleLine)
      : [];
    const page = writeStatusPage(root, pack, o.statusDir ? resolve(o.statusDir) : undefined);
    // A GitHub failure must not lose the night: the result is still whole, with the error in it.
    const issue =
      o.openIssues && r.outcome !== 'fetch-failed'
        ? await syncPackIssueOutcome(root, pack, o.github ?? null, { dryRun: o.dryRun, token: o.token ?? '' })
        : null;
    // The directory shows each pack's drift issue: note what this sync left (a dry run or a failure knows nothing).
    if (issue && !issue.error && issue.issue !== undefined) noteIssue(root, pack.id, issue.issue);
    out.push({
      pack: pack.id,
      outcome: r.outcome,
      summary: r.entry.summary,
      line: outcomeLine(r),
      versionId: r.entry.versionId,
      since: r.outcome === 'unchanged' ? r.entry.time : null,
      error: r.entry.error,
      disagreement: r.disagreement,
      replay: replayLine,
      stale,
      trust: trust ? { level: trust.level, sentence } : { level: 'spec-monitored', sentence },
      statusPage: { html: relative(process.cwd(), page.html), markdown: relative(process.cwd(), page.md) },
      issue: issue?.line ?? null,
      issueAction: issue?.action ?? null,
      issueError: issue?.error ?? null,
      markdown: page.markdown,
      issueStatus: issue?.status ?? null,
    });
    // Credentials or permissions (401/403) are the user's to fix: 2. Any other GitHub failure: 5.
    if (issue?.error)
      exit = Math.max(exit, issue.status === 401 || issue.status === 403 ? EXIT_CODES.INPUT : EXIT_CODES.GITHUB);
    if (r.outcome === 'fetch-failed') exit = Math.max(exit, EXIT_CODES.FETCH);
    else if (exit === EXIT_CODES.OK && ((o.failOn && rank(worstOf(r)) >= rank(o.failOn)) || replayFailed))
      exit = EXIT_CODES.DRIFT;
  }
  // The directory lists every configured pack, whichever were watched this run.
  writeDirectory(root, config.packs, o.statusDir ? resolve(o.statusDir) : undefined);
  return { packs: out, exit };
}
