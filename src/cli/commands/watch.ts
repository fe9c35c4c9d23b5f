import { appendFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { outcomeLine } from '../../fetch/refresh.js';
import { rank } from '../../drift/types.js';
import { githubFromEnv, redact } from '../../github/client.js';
import { describeAction, syncPackIssue, syncPackIssueOutcome } from '../../github/sync.js';
import { storePaths } from '../../history/paths.js';
import { currentSnapshot } from '../../history/store.js';
import { readTrust } from '../../replay/trust.js';
import { behaviourAnchors } from '../../replay/anchors.js';
import { staleLine } from '../../facts/anchors.js';
import { writeStatusPage } from '../../report/write.js';
import { UsageError } from '../../util/errors.js';
import { EXIT } from '../exit.js';
import { printJson, progress } from '../output.js';
import { parseFailOn } from './diff.js';
import { runRefresh, worstOf } from './refresh.js';
import { replayPack } from './replay.js';

export interface WatchOptions {
  source?: string; offline?: boolean; failOn?: string; root: string; config?: string; json?: boolean;
  replay?: 'auto' | 'always' | 'never'; openIssues?: boolean; dryRun?: boolean; statusDir?: string;
}

/** The main job: refresh → replay (when needed) → verdict → status page → issues. */
export async function watchCmd(ids: string[], opts: WatchOptions): Promise<number> {
  const root = resolve(opts.root);
  const failOn = parseFailOn(opts.failOn);
  const mode = opts.replay ?? 'auto';
  if (!['auto', 'always', 'never'].includes(mode)) throw new UsageError(`--replay must be auto, always or never (got "${mode}")`);
  const quiet = !!opts.json;
  // Check the GitHub environment before touching the history: a missing token is a usage error, not half a run.
  const gh = opts.openIssues && !opts.dryRun ? githubFromEnv(process.env, { log: quiet ? undefined : progress }) : null;
  const { results, config } = await runRefresh(ids, opts, quiet);
  const token = process.env.GITHUB_TOKEN ?? '';
  const out: Record<string, unknown>[] = [];
  let exit: number = EXIT.OK;
  const summaries: string[] = [];
  for (const r of results) {
    const pack = config.packs.find((p) => p.id === r.pack)!;
    const snap = currentSnapshot(root, pack.id);
    const paths = storePaths(root, pack.id);
    let replayLine: string | null = null;
    let replayFailed = false;
    const proven = snap ? readTrust(paths.verdictFile, snap.fingerprint) : null;
    if (snap && (mode === 'always' || (mode === 'auto' && (r.outcome === 'new-version' || !proven?.emulator)))) {
      const rep = await replayPack(pack.id, { root, store: true }, quiet);
      replayLine = rep.summary.line;
      replayFailed = rep.summary.FAIL > 0;
    } else if (proven?.emulator) replayLine = `${proven.emulator.line} (current snapshot, not re-run)`;
    const trust = snap ? readTrust(paths.verdictFile, snap.fingerprint) : null;
    const sentence = trust?.sentence ?? 'Usable, but spec-monitored only — not behaviorally proven yet.';
    const stale = snap ? behaviourAnchors(snap).filter((a) => a.status === 'stale').map(staleLine) : [];
    const page = writeStatusPage(root, pack, opts.statusDir ? resolve(opts.statusDir) : undefined);
    // A GitHub failure must not lose the night: the JSON is still printed whole, with the error in it.
    const issue = opts.openIssues && r.outcome !== 'fetch-failed'
      ? await syncPackIssueOutcome(root, pack, gh, { dryRun: opts.dryRun, token }) : null;
    if (issue?.error) process.stderr.write(`specwatch: ${issue.error}\n`);
    const summary = outcomeLine(r);
    if (!quiet) {
      process.stdout.write(`${pack.id}: ${summary}\n`);
      if (r.disagreement) process.stdout.write(`  note: ${r.disagreement}\n`);
      if (replayLine) process.stdout.write(`  ${replayLine}\n`);
      for (const l of stale) process.stdout.write(`  STALE ${l}\n`);
      process.stdout.write(`  agent verdict: ${sentence}\n`);
      process.stdout.write(`  status page: ${relative(process.cwd(), page.html)}\n`);
      if (issue) process.stdout.write(`  issues: ${issue.line}\n`);
    }
    summaries.push(page.markdown);
    out.push({
      pack: pack.id, outcome: r.outcome, summary: r.entry.summary, line: summary, versionId: r.entry.versionId,
      since: r.outcome === 'unchanged' ? r.entry.time : null, error: r.entry.error, disagreement: r.disagreement,
      replay: replayLine, stale, trust: trust ? { level: trust.level, sentence } : { level: 'spec-monitored', sentence },
      statusPage: { html: relative(process.cwd(), page.html), markdown: relative(process.cwd(), page.md) },
      issue: issue?.line ?? null, issueAction: issue?.action ?? null, issueError: issue?.error ?? null,
    });
    // Credentials or permissions (401/403) are the user's to fix: 2. Any other GitHub failure: 5.
    if (issue?.error) exit = Math.max(exit, issue.status === 401 || issue.status === 403 ? EXIT.INPUT : EXIT.GITHUB);
    if (r.outcome === 'fetch-failed') exit = Math.max(exit, EXIT.FETCH);
    else if (exit === EXIT.OK && ((failOn && rank(worstOf(r)) >= rank(failOn)) || replayFailed)) exit = EXIT.DRIFT;
  }
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, summaries.join('\n---\n\n'));
  if (opts.json) printJson(out);
  return exit;
}

interface ReportOptions { root: string; config?: string; out?: string; json?: boolean }

export async function reportCmd(ids: string[], opts: ReportOptions): Promise<number> {
  const { loadConfig } = await import('../config.js');
  const { selectPacks } = await import('./refresh.js');
  const root = resolve(opts.root);
  const config = loadConfig(root, opts.config);
  const written: { pack: string; html: string; markdown: string }[] = [];
  for (const pack of selectPacks(config, ids)) {
    const p = writeStatusPage(root, pack, opts.out ? resolve(opts.out) : undefined);
    written.push({ pack: pack.id, html: relative(process.cwd(), p.html), markdown: relative(process.cwd(), p.md) });
  }
  if (opts.json) printJson(written);
  else for (const w of written) process.stdout.write(`${w.pack}: wrote ${w.html} and ${w.markdown}\n`);
  return EXIT.OK;
}

interface AcceptOptions {
  root: string; config?: string; note?: string; dryRun?: boolean; github?: boolean; json?: boolean;
}

export async function acceptCmd(id: string, opts: AcceptOptions): Promise<number> {
  const { loadConfig, findPack } = await import('../config.js');
  const { acceptCurrent, acceptable } = await import('../../history/baseline.js');
  const root = resolve(opts.root);
  const pack = findPack(loadConfig(root, opts.config), id);
  if (opts.dryRun) {
    // Writes nothing: not the baseline, not GitHub.
    const v = acceptable(root, pack.id);
    const result = { pack: pack.id, dryRun: true, wouldAccept: v.versionId };
    if (opts.json) printJson(result);
    else process.stdout.write(`${pack.id}: dry run: would accept version ${v.versionId} as the reviewed baseline `
      + 'and close its drift issue\n');
    return EXIT.OK;
  }
  const a = acceptCurrent(root, pack.id, opts.note ?? null);
  const result: Record<string, unknown> = { pack: pack.id, accepted: a.versionId, issues: null };
  if (!opts.json) process.stdout.write(`${pack.id}: accepted version ${a.versionId} as the reviewed baseline\n`);
  if (opts.github !== false && process.env.GITHUB_TOKEN) {
    const gh = githubFromEnv();
    const restoredReason = `Version \`${a.versionId}\` was reviewed and accepted as the new baseline`
      + (opts.note ? `: ${opts.note}` : '');
    const action = await syncPackIssue(root, pack, gh, { restoredReason }).catch((e) => {
      throw new UsageError(redact((e as Error).message, process.env.GITHUB_TOKEN ?? ''));
    });
    result.issues = describeAction(action);
    if (!opts.json) process.stdout.write(`  issues: ${describeAction(action)}\n`);
  }
  if (opts.json) printJson(result);
  return EXIT.OK;
}
