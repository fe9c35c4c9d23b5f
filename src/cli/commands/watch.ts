import { appendFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { githubFromEnv, redact } from '../../github/client.js';
import { describeAction, syncPackIssue } from '../../github/sync.js';
import { writeDirectory, writeStatusPage } from '../../report/write.js';
import { EXIT } from '../../util/exit.js';
import { watchPacks } from '../../watch/pipeline.js';
import { selectPacks } from '../../watch/refresh-packs.js';
import { UsageError } from '../../util/errors.js';
import { print, printJson, progress } from '../output.js';
import { parseFailOn } from './diff.js';

export interface WatchCmdOptions {
  source?: string;
  offline?: boolean;
  failOn?: string;
  root: string;
  config?: string;
  json?: boolean;
  replay?: 'auto' | 'always' | 'never';
  openIssues?: boolean;
  dryRun?: boolean;
  statusDir?: string;
}

/** The main job (src/watch/pipeline.ts): this command only checks GitHub's environment and prints. */
export async function watchCmd(ids: string[], opts: WatchCmdOptions): Promise<number> {
  const quiet = !!opts.json;
  // Check the GitHub environment before touching the history: a missing token is a usage error, not half a run.
  const github =
    opts.openIssues && !opts.dryRun ? githubFromEnv(process.env, { log: quiet ? undefined : progress }) : null;
  const { packs, exit } = await watchPacks(ids, {
    ...opts,
    failOn: parseFailOn(opts.failOn),
    github,
    token: process.env.GITHUB_TOKEN ?? '',
    progress: quiet ? undefined : progress,
  });
  for (const p of packs) {
    if (p.issueError) process.stderr.write(`specwatch: ${p.issueError}\n`);
    if (quiet) continue;
    print(`${p.pack}: ${p.line}\n`);
    if (p.disagreement) print(`  note: ${p.disagreement}\n`);
    if (p.replay) print(`  ${p.replay}\n`);
    for (const l of p.stale) print(`  STALE ${l}\n`);
    print(`  agent verdict: ${p.trust.sentence}\n`);
    print(`  status page: ${p.statusPage.html}\n`);
    if (p.issue) print(`  issues: ${p.issue}\n`);
  }
  if (process.env.GITHUB_STEP_SUMMARY)
    appendFileSync(process.env.GITHUB_STEP_SUMMARY, packs.map((p) => p.markdown).join('\n---\n\n'));
  if (opts.json) printJson(packs.map(({ markdown: _m, issueStatus: _s, ...rest }) => rest));
  return exit;
}

interface ReportOptions {
  root: string;
  config?: string;
  out?: string;
  json?: boolean;
}

export async function reportCmd(ids: string[], opts: ReportOptions): Promise<number> {
  const { loadConfig } = await import('../../config/config.js');
  const root = resolve(opts.root);
  const config = loadConfig(root, opts.config);
  const written: { pack: string; html: string; markdown: string }[] = [];
  for (const pack of selectPacks(config, ids)) {
    const p = writeStatusPage(root, pack, opts.out ? resolve(opts.out) : undefined);
    written.push({ pack: pack.id, html: relative(process.cwd(), p.html), markdown: relative(process.cwd(), p.md) });
  }
  const dir = writeDirectory(root, config.packs, opts.out ? resolve(opts.out) : undefined);
  written.push({
    pack: '(directory)',
    html: relative(process.cwd(), dir.html),
    markdown: relative(process.cwd(), dir.md),
  });
  if (opts.json) printJson(written);
  else for (const w of written) print(`${w.pack}: wrote ${w.html} and ${w.markdown}\n`);
  return EXIT.OK;
}

interface AcceptOptions {
  root: string;
  config?: string;
  note?: string;
  dryRun?: boolean;
  github?: boolean;
  json?: boolean;
}

export async function acceptCmd(id: string, opts: AcceptOptions): Promise<number> {
  const { loadConfig, findPack } = await import('../../config/config.js');
  const { acceptCurrent, acceptable } = await import('../../history/baseline.js');
  const root = resolve(opts.root);
  const pack = findPack(loadConfig(root, opts.config), id);
  if (opts.dryRun) {
    // Writes nothing: not the baseline, not GitHub.
    const v = acceptable(root, pack.id);
    const result = { pack: pack.id, dryRun: true, wouldAccept: v.versionId };
    if (opts.json) printJson(result);
    else
      print(
        `${pack.id}: dry run: would accept version ${v.versionId} as the reviewed baseline ` +
          'and close its drift issue\n',
      );
    return EXIT.OK;
  }
  const a = acceptCurrent(root, pack.id, opts.note ?? null);
  const result: Record<string, unknown> = { pack: pack.id, accepted: a.versionId, issues: null };
  if (!opts.json) print(`${pack.id}: accepted version ${a.versionId} as the reviewed baseline\n`);
  if (opts.github !== false && process.env.GITHUB_TOKEN) {
    const gh = githubFromEnv();
    const restoredReason =
      `Version \`${a.versionId}\` was reviewed and accepted as the new baseline` + (opts.note ? `: ${opts.note}` : '');
    const action = await syncPackIssue(root, pack, gh, { restoredReason }).catch((e) => {
      throw new UsageError(redact((e as Error).message, process.env.GITHUB_TOKEN ?? ''));
    });
    result.issues = describeAction(action);
    if (!opts.json) print(`  issues: ${describeAction(action)}\n`);
  }
  if (opts.json) printJson(result);
  return EXIT.OK;
}
