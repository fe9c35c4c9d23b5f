import { resolve } from 'node:path';
import { findPack, loadConfig, type Config, type PackConfig } from '../config/config.js';
import { rank, type DriftClass } from '../drift/types.js';
import { refreshPack, type RefreshResult } from '../fetch/refresh.js';
import { UsageError } from '../util/errors.js';

export interface RefreshPacksOptions {
  root: string;
  config?: string;
  source?: string;
  offline?: boolean;
  /** Progress lines (stderr in the CLI); none when quiet. */
  progress?: (msg: string) => void;
}

export function selectPacks(config: Config, ids: string[]): PackConfig[] {
  return ids.length ? ids.map((id) => findPack(config, id)) : config.packs;
}

/** The worst class a refresh found (CLEAN when nothing new). */
export function worstOf(r: RefreshResult): DriftClass {
  if (!r.diff) return 'CLEAN';
  const classes = [r.diff.service.class, ...r.diff.tools.map((t) => t.class)];
  return classes.reduce<DriftClass>((w, c) => (rank(c) > rank(w) ? c : w), 'CLEAN');
}

/**
 * The observation time: now, or SPECWATCH_NOW (an ISO time) — for reproducible runs, such as proving that a
 * sharded night records exactly what one process would.
 */
export function clock(): Date | undefined {
  const v = process.env.SPECWATCH_NOW;
  if (!v) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new UsageError(`SPECWATCH_NOW must be an ISO time (got "${v}")`);
  return d;
}

/** Refreshes the selected packs one after another (each under its own lock), in config order. */
export async function refreshPacks(
  ids: string[],
  o: RefreshPacksOptions,
): Promise<{ results: RefreshResult[]; config: Config }> {
  const root = resolve(o.root);
  const config = loadConfig(root, o.config);
  if (o.source && o.offline) throw new UsageError('--source and --offline exclude each other');
  const packs = selectPacks(config, ids);
  if (o.source && packs.length > 1) throw new UsageError('--source needs exactly one pack');
  const results: RefreshResult[] = [];
  const tty = !!process.stderr.isTTY && !process.env.CI;
  for (const [i, pack] of packs.entries()) {
    const label = `[${i + 1}/${packs.length}] ${pack.id}`;
    const what = o.offline ? 'the vendored spec' : pack.sources.map((s) => s.name).join(', ');
    o.progress?.(tty ? `${label}: fetching ${what} …` : `${label}: refreshing`);
    results.push(
      await refreshPack({
        root,
        pack,
        now: clock(),
        source: o.source,
        offline: o.offline,
        http: {
          ...config.fetch,
          onRetry: (attempt, reason, delay) =>
            o.progress?.(`${label}: retry ${attempt} after ${reason} (waiting ${delay} ms)`),
        },
      }),
    );
  }
  return { results, config };
}
