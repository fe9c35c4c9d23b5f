import { resolve } from 'node:path';
import { outcomeLine, refreshPack, type RefreshResult } from '../../fetch/refresh.js';
import { rank, type DriftClass } from '../../drift/types.js';
import { UsageError } from '../../util/errors.js';
import { findPack, loadConfig, type Config } from '../config.js';
import { EXIT } from '../exit.js';
import { parseFailOn } from './diff.js';
import { printJson, progress } from '../output.js';

export interface RefreshCmdOptions { source?: string; offline?: boolean; failOn?: string; root: string; config?: string; json?: boolean }

export function selectPacks(config: Config, ids: string[]) {
  return ids.length ? ids.map((id) => findPack(config, id)) : config.packs;
}

/** The worst class a refresh found (CLEAN when nothing new). */
export function worstOf(r: RefreshResult): DriftClass {
  if (!r.diff) return 'CLEAN';
  const classes = [r.diff.service.class, ...r.diff.tools.map((t) => t.class)];
  return classes.reduce<DriftClass>((w, c) => (rank(c) > rank(w) ? c : w), 'CLEAN');
}

export async function runRefresh(ids: string[], opts: RefreshCmdOptions, quiet = false): Promise<{ results: RefreshResult[]; config: Config }> {
  const root = resolve(opts.root);
  const config = loadConfig(root, opts.config);
  if (opts.source && opts.offline) throw new UsageError('--source and --offline exclude each other');
  const packs = selectPacks(config, ids);
  if (opts.source && packs.length > 1) throw new UsageError('--source needs exactly one pack');
  const results: RefreshResult[] = [];
  const tty = !!process.stderr.isTTY && !process.env.CI;
  for (const [i, pack] of packs.entries()) {
    const label = `[${i + 1}/${packs.length}] ${pack.id}`;
    if (!quiet) progress(tty ? `${label}: fetching ${opts.offline ? 'the vendored spec' : pack.sources.map((s) => s.name).join(', ')} …` : `${label}: refreshing`);
    const r = await refreshPack({
      root, pack, source: opts.source, offline: opts.offline,
      http: {
        ...config.fetch,
        onRetry: (attempt, reason, delay) => { if (!quiet) progress(`${label}: retry ${attempt} after ${reason} (waiting ${delay} ms)`); },
      },
    });
    results.push(r);
  }
  return { results, config };
}

export async function refreshCmd(ids: string[], opts: RefreshCmdOptions): Promise<number> {
  const failOn = parseFailOn(opts.failOn);
  const { results } = await runRefresh(ids, opts, !!opts.json);
  if (opts.json) printJson(results.map((r) => ({ pack: r.pack, outcome: r.outcome, summary: r.entry.summary, versionId: r.entry.versionId, sources: r.sources, disagreement: r.disagreement, error: r.entry.error, diff: r.diff })));
  else {
    for (const r of results) {
      process.stdout.write(`${r.pack}: ${outcomeLine(r)}\n`);
      if (r.disagreement) process.stdout.write(`  note: ${r.disagreement}\n`);
      for (const h of r.entry.headline) process.stdout.write(`  ${h}\n`);
    }
  }
  if (results.some((r) => r.outcome === 'fetch-failed')) return EXIT.FETCH;
  if (failOn && results.some((r) => rank(worstOf(r)) >= rank(failOn))) return EXIT.DRIFT;
  return EXIT.OK;
}
