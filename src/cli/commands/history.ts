import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readHistory, recordVersion } from '../../history/store.js';
import { storePaths } from '../../history/paths.js';
import { historyLines, timelineEntries, timelineLines } from '../../history/timeline.js';
import { InputError } from '../../util/errors.js';
import { printJson } from '../output.js';

export function recordCmd(spec: string, opts: { pack: string; root: string; json?: boolean; at?: string; location?: string }): void {
  let bytes: Buffer;
  try {
    bytes = readFileSync(spec);
  } catch (e) {
    throw new InputError(spec, '$', `cannot read (${(e as NodeJS.ErrnoException).code})`);
  }
  const at = opts.at ? new Date(opts.at) : undefined;
  if (at && Number.isNaN(at.getTime())) throw new InputError('--at', '$', `not a date: ${opts.at}`);
  const r = recordVersion({ root: resolve(opts.root), pack: opts.pack, bytes, location: opts.location ?? spec, kind: opts.location && /^https?:/.test(opts.location) ? 'url' : 'file', observedAt: at });
  if (opts.json) return printJson(r.entry);
  process.stdout.write(`${opts.pack}: ${r.entry.outcome} ${r.entry.versionId}  ${r.entry.summary}\n`);
}

export function historyCmd(pack: string, opts: { root: string; json?: boolean; limit?: string }): void {
  const entries = readHistory(storePaths(resolve(opts.root), pack));
  const limit = opts.limit ? Number(opts.limit) : undefined;
  if (opts.json) return printJson([...entries].reverse().slice(0, limit));
  if (!entries.length) return void process.stdout.write(`${pack}: no history yet (run \`specwatch refresh\` or \`specwatch record SPEC\`)\n`);
  for (const l of historyLines(entries).slice(0, limit)) process.stdout.write(l + '\n');
}

export function timelineCmd(pack: string, opts: { root: string; json?: boolean }): void {
  const entries = readHistory(storePaths(resolve(opts.root), pack));
  if (opts.json) return printJson(timelineEntries(entries));
  for (const l of timelineLines(entries)) process.stdout.write(l + '\n');
}
