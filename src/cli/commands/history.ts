import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readCheck, readHistory, recordVersion } from '../../history/store.js';
import { storePaths } from '../../history/paths.js';
import { historyLines, timelineEntries, timelineLines } from '../../history/timeline.js';
import { loadModelText } from '../../model/load.js';
import { UsageError } from '../../util/errors.js';
import { readModelFile } from '../../util/files.js';
import { loadConfig } from '../../config/config.js';
import { print, printJson } from '../output.js';

interface RecordOptions {
  pack: string;
  root: string;
  json?: boolean;
  at?: string;
  location?: string;
  config?: string;
}

export function recordCmd(spec: string, opts: RecordOptions): void {
  const root = resolve(opts.root);
  const config = loadConfig(root, opts.config);
  storePaths(root, opts.pack); // a bad pack id is a usage error before anything is read
  const bytes = readModelFile(spec, config.fetch.maxBytes);
  const at = opts.at ? new Date(opts.at) : undefined;
  if (at && Number.isNaN(at.getTime())) throw new UsageError(`--at: not a date: ${opts.at}`);
  const service = config.packs.find((p) => p.id === opts.pack)?.service;
  const model = loadModelText(bytes.toString('utf8'), spec, service);
  const r = recordVersion({
    root,
    pack: opts.pack,
    bytes,
    model,
    location: opts.location ?? spec,
    kind: opts.location && /^https?:/.test(opts.location) ? 'url' : 'file',
    observedAt: at,
  });
  if (opts.json) return printJson(r.entry);
  print(`${opts.pack}: ${r.entry.outcome} ${r.entry.versionId}  ${r.entry.summary}\n`);
}

/** A pack is known when it is configured or has a store: anything else is a typo, not an empty history. */
function knownPack(root: string, pack: string, configFile?: string) {
  const paths = storePaths(root, pack);
  const config = loadConfig(root, configFile);
  if (!config.packs.some((p) => p.id === pack) && !existsSync(paths.snapshotsDir)) {
    const configured = config.packs.map((p) => p.id).join(', ');
    throw new UsageError(`no pack "${pack}" (configured: ${configured}; no store under snapshots/${pack}/)`);
  }
  return paths;
}

interface ListOptions {
  root: string;
  json?: boolean;
  config?: string;
}

export function historyCmd(pack: string, opts: ListOptions & { limit?: string }): void {
  const paths = knownPack(resolve(opts.root), pack, opts.config);
  const entries = readHistory(paths);
  const limit = opts.limit === undefined ? undefined : Number(opts.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new UsageError(`--limit: expected a whole number ≥ 1, got "${opts.limit}"`);
  }
  if (opts.json) return printJson([...entries].reverse().slice(0, limit));
  const check = readCheck(paths);
  if (!entries.length && check?.fetch !== 'failed') {
    const hint = 'run `specwatch refresh` or `specwatch record SPEC`';
    return void print(`${pack}: no history yet (${hint})\n`);
  }
  for (const l of historyLines(entries, new Date(), check).slice(0, limit)) print(l + '\n');
}

export function timelineCmd(pack: string, opts: ListOptions): void {
  const entries = readHistory(knownPack(resolve(opts.root), pack, opts.config));
  if (opts.json) return printJson(timelineEntries(entries));
  for (const l of timelineLines(entries)) print(l + '\n');
}
