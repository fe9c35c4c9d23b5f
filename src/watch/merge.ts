import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/config.js';
import { writeDirectory } from '../report/write.js';
import { InputError } from '../util/errors.js';

/** What one shard job leaves as its artifact: its tree, `watch.json` (watch --json) and `exit` (its code). */
export interface ShardResult {
  dir: string;
  packs: string[];
  exit: number;
}

export function readShard(dir: string): ShardResult {
  const file = join(dir, 'watch.json');
  if (!existsSync(file)) throw new InputError(file, '$', 'not a shard result (watch --json output missing)');
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new InputError(file, '$', 'not JSON');
  }
  if (!Array.isArray(doc) || !doc.every((p) => p && typeof (p as { pack?: unknown }).pack === 'string')) {
    throw new InputError(file, '$', 'expected the array `watch --json` prints');
  }
  const code = existsSync(join(dir, 'exit')) ? Number(readFileSync(join(dir, 'exit'), 'utf8').trim()) : 0;
  return { dir, packs: (doc as { pack: string }[]).map((p) => p.pack), exit: Number.isInteger(code) ? code : 4 };
}

/** The paths a pack owns in a store: only these move from a shard into the merged tree. */
export function packPaths(pack: string): string[] {
  return [`specs/${pack}`, `snapshots/${pack}`, `replays/${pack}`, `status/${pack}.html`, `status/${pack}.md`];
}

/**
 * Merges shard results into one store: each shard's packs replace the same paths here (a pack belongs to one
 * shard), then the directory page is rewritten over all configured packs. Nothing else is touched, so one
 * commit records the whole night and no two jobs ever push. Returns the worst shard exit code.
 */
export function mergeShards(root: string, dirs: string[], config?: string): { packs: string[]; exit: number } {
  const abs = resolve(root);
  const shards = dirs.map((d) => readShard(resolve(d)));
  const owner = new Map<string, string>();
  for (const s of shards) {
    for (const p of s.packs) {
      if (owner.has(p)) throw new InputError(join(s.dir, 'watch.json'), '$', `pack ${p} is also in ${owner.get(p)}`);
      owner.set(p, s.dir);
    }
  }
  for (const s of shards) {
    for (const p of s.packs) {
      for (const rel of packPaths(p)) {
        const from = join(s.dir, rel);
        const to = join(abs, rel);
        rmSync(to, { recursive: true, force: true });
        if (existsSync(from)) cpSync(from, to, { recursive: true });
      }
    }
  }
  writeDirectory(abs, loadConfig(abs, config).packs);
  return { packs: [...owner.keys()], exit: Math.max(0, ...shards.map((s) => s.exit)) };
}
