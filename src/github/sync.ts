import { rank, type DriftClass } from '../drift/types.js';
import { baselineDrift } from '../history/baseline.js';
import { storePaths } from '../history/paths.js';
import { currentSnapshot } from '../history/store.js';
import { readTrust } from '../replay/trust.js';
import { behaviourAnchors } from '../replay/anchors.js';
import { staleLine } from '../facts/anchors.js';
import type { PackConfig } from '../config/config.js';
import { worstAndTools } from './body.js';
import { redact, type GitHubTarget } from './client.js';
import { syncDriftIssue, type IssueAction } from './issues.js';

/** Measures the current version against the reviewed baseline and opens/updates/closes the pack's issue. */
export async function syncPackIssue(
  root: string,
  pack: PackConfig,
  gh: GitHubTarget | null,
  opts: { dryRun?: boolean; ref?: string; restoredReason?: string } = {},
): Promise<IssueAction> {
  const paths = storePaths(root, pack.id);
  const current = currentSnapshot(root, pack.id);
  const drift = baselineDrift(root, pack.id);
  const labels = pack.issues?.labels?.length ? pack.issues.labels : ['specwatch', 'api-drift'];
  if (!current || !drift) return { kind: 'none', reason: 'nothing recorded yet' };
  const { base, diff, versionId } = drift;
  const { worst } = worstAndTools(diff);
  const threshold = (pack.issues?.openOn ?? 'RISKY') as DriftClass;
  if (rank(worst as DriftClass) < rank(threshold)) {
    return syncDriftIssue(gh, {
      issue: null,
      pack: pack.id,
      labels,
      dryRun: opts.dryRun,
      restoredReason:
        opts.restoredReason ??
        `Version \`${versionId}\` restores the contract of the baseline \`${base.versionId}\` ` +
          `(${diff.summary.line})`,
    });
  }
  const server = gh?.serverUrl ?? 'https://github.com';
  const repo = gh ? `${gh.owner}/${gh.repo}` : (process.env.GITHUB_REPOSITORY ?? 'OWNER/REPO');
  const ref = opts.ref ?? process.env.GITHUB_SHA ?? 'main';
  const link = (v: string) => `${server}/${repo}/blob/${ref}/specs/${pack.id}/${v}.json`;
  return syncDriftIssue(gh, {
    pack: pack.id,
    labels,
    dryRun: opts.dryRun,
    issue: {
      pack: pack.id,
      fingerprint: current.fingerprint,
      baselineVersion: base.versionId,
      currentVersion: versionId,
      diff,
      baseline: base.snapshot,
      current,
      specLinks: { baseline: link(base.versionId), current: link(versionId) },
      trustSentence: readTrust(paths.verdictFile, current.fingerprint)?.sentence ?? null,
      stale: behaviourAnchors(current)
        .filter((a) => a.status === 'stale')
        .map(staleLine),
    },
  });
}

export function describeAction(a: IssueAction): string {
  switch (a.kind) {
    case 'opened':
      return `opened issue #${a.number}`;
    case 'updated':
      return `updated issue #${a.number}`;
    case 'unchanged':
      return `issue #${a.number} already up to date`;
    case 'closed':
      return `closed issue #${a.number}`;
    case 'left-closed':
      return `issue #${a.number} left closed (${a.reason})`;
    case 'none':
      return `no issue (${a.reason})`;
    case 'would':
      return `dry run: would ${a.what}`;
  }
}

/** One pack's issue sync as `watch` reports it: a failure is data (the night's history is already recorded). */
export interface IssueOutcome {
  line: string;
  action: IssueAction['kind'] | null;
  error: string | null;
  status: number | null;
  /** The issue the sync left, for the directory: open, closed, or none (null: unknown, e.g. a dry run). */
  issue?: { number: number; state: 'open' | 'closed' } | null;
}

export async function syncPackIssueOutcome(
  root: string,
  pack: PackConfig,
  gh: GitHubTarget | null,
  opts: { dryRun?: boolean; token: string },
): Promise<IssueOutcome> {
  try {
    const action = await syncPackIssue(root, pack, gh, { dryRun: opts.dryRun });
    const issue =
      // A dry run knows nothing, and "no issue" leaves what the directory knows (a closed issue stays closed).
      action.kind === 'would' || action.kind === 'none'
        ? undefined
        : 'number' in action
          ? {
              number: action.number,
              state: (['closed', 'left-closed'].includes(action.kind) ? 'closed' : 'open') as 'open' | 'closed',
            }
          : null;
    return { line: describeAction(action), action: action.kind, error: null, status: null, issue };
  } catch (e) {
    const error = redact((e as Error).message, opts.token);
    return { line: `failed: ${error}`, action: null, error, status: (e as { status?: number }).status ?? null };
  }
}
