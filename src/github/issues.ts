import type { GitHubTarget } from './client.js';
import { redact } from './client.js';
import { hasPack, readFingerprint } from './marker.js';
import { issueBody, issueTitle, type IssueInput } from './body.js';

export type IssueAction =
  | { kind: 'opened'; number: number }
  | { kind: 'unchanged'; number: number }
  | { kind: 'updated'; number: number }
  | { kind: 'closed'; number: number }
  | { kind: 'left-closed'; number: number; reason: string }
  | { kind: 'none'; reason: string }
  | { kind: 'would'; what: string };

interface Issue {
  number: number;
  state: string;
  state_reason?: string | null;
  body?: string | null;
  title: string;
  pull_request?: unknown;
}

const LABEL_COLORS: Record<string, string> = { specwatch: '5319e7', 'api-drift': 'd93f0b' };

/** Every specwatch issue of a pack, via the issues list API (not search: it lags, and duplicates follow). */
export async function findPackIssues(gh: GitHubTarget, pack: string, label: string): Promise<Issue[]> {
  const all = (await gh.octokit.paginate(gh.octokit.rest.issues.listForRepo, {
    owner: gh.owner,
    repo: gh.repo,
    state: 'all',
    labels: label,
    per_page: 100,
  })) as Issue[];
  return all.filter((i) => !i.pull_request && hasPack(i.body, pack)).sort((a, b) => b.number - a.number);
}

async function ensureLabels(gh: GitHubTarget, labels: string[]): Promise<void> {
  for (const name of labels) {
    try {
      await gh.octokit.rest.issues.getLabel({ owner: gh.owner, repo: gh.repo, name });
    } catch (e) {
      if ((e as { status?: number }).status !== 404) throw e;
      await gh.octokit.rest.issues.createLabel({
        owner: gh.owner,
        repo: gh.repo,
        name,
        color: LABEL_COLORS[name] ?? 'ededed',
        description: 'Opened by specwatch on API drift',
      });
    }
  }
}

export interface SyncInput {
  issue: IssueInput | null;
  pack: string;
  labels: string[];
  dryRun?: boolean;
  /** Why there is no drift issue to hold (restored, below threshold, accepted). */
  restoredReason?: string;
}

/**
 * One issue per (pack, drifted version). Same fingerprint: nothing changes (the body is refreshed only
 * if it differs). New fingerprint on an open issue: body updated plus one comment. Closed as not planned:
 * never reopened. No drift any more: the open issue gets a comment and is closed.
 */
export async function syncDriftIssue(gh: GitHubTarget | null, s: SyncInput): Promise<IssueAction> {
  const label = s.labels[0] ?? 'specwatch';
  try {
    const existing = gh ? await findPackIssues(gh, s.pack, label) : [];
    const open = existing.find((i) => i.state === 'open');
    if (!s.issue) {
      if (!open) return { kind: 'none', reason: s.restoredReason ?? 'no drift' };
      if (s.dryRun || !gh)
        return {
          kind: 'would',
          what: `comment on and close #${open.number} (${s.restoredReason ?? 'contract restored'})`,
        };
      await gh.octokit.rest.issues.createComment({
        owner: gh.owner,
        repo: gh.repo,
        issue_number: open.number,
        body: `✅ ${s.restoredReason ?? 'The contract is restored'} — closing.`,
      });
      await gh.octokit.rest.issues.update({
        owner: gh.owner,
        repo: gh.repo,
        issue_number: open.number,
        state: 'closed',
        state_reason: 'completed',
      });
      return { kind: 'closed', number: open.number };
    }
    const body = issueBody(s.issue);
    const title = issueTitle(s.issue);
    const fp = s.issue.fingerprint;
    const same = existing.find((i) => readFingerprint(i.body) === fp);
    if (same && same.state === 'closed') {
      return {
        kind: 'left-closed',
        number: same.number,
        reason:
          same.state_reason === 'not_planned'
            ? 'closed as not planned: never reopened'
            : 'already closed for this version',
      };
    }
    if (open) {
      if (readFingerprint(open.body) === fp) {
        if (open.body === body && open.title === title) return { kind: 'unchanged', number: open.number };
        if (s.dryRun || !gh) return { kind: 'would', what: `refresh the body of #${open.number}` };
        await gh.octokit.rest.issues.update({ owner: gh.owner, repo: gh.repo, issue_number: open.number, body, title });
        return { kind: 'updated', number: open.number };
      }
      if (s.dryRun || !gh)
        return { kind: 'would', what: `update #${open.number} for version ${s.issue.currentVersion} and comment` };
      await gh.octokit.rest.issues.update({ owner: gh.owner, repo: gh.repo, issue_number: open.number, body, title });
      await gh.octokit.rest.issues.createComment({
        owner: gh.owner,
        repo: gh.repo,
        issue_number: open.number,
        body:
          `🔁 Upstream moved again: now version \`${s.issue.currentVersion}\` — ` +
          `**${s.issue.diff.summary.line}**. The description above is updated.`,
      });
      return { kind: 'updated', number: open.number };
    }
    if (s.dryRun || !gh)
      return { kind: 'would', what: `open "${title}" (${body.length} characters, labels ${s.labels.join(', ')})` };
    await ensureLabels(gh, s.labels);
    const r = await gh.octokit.rest.issues.create({ owner: gh.owner, repo: gh.repo, title, body, labels: s.labels });
    return { kind: 'opened', number: r.data.number };
  } catch (e) {
    throw githubError(e, gh?.token ?? '');
  }
}

/** A clear one-line error, with the token scrubbed. */
export function githubError(e: unknown, token: string): Error {
  const status = (e as { status?: number }).status;
  const msg =
    status === 401
      ? 'GitHub rejected the token (401 Bad credentials): check GITHUB_TOKEN'
      : status === 403
        ? `GitHub refused the request (403): the token needs "issues: write" (${(e as Error).message})`
        : `GitHub API error${status ? ` ${status}` : ''}: ${(e as Error).message}`;
  const err = Object.assign(new Error(redact(msg, token)), { status });
  err.name = 'GitHubError';
  return err;
}
