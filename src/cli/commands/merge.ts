import { mergeShards } from '../../watch/merge.js';
import { print, printJson } from '../output.js';

/** `specwatch merge SHARD_DIR…`: thin over src/watch/merge.ts. Exits with the worst shard's code. */
export async function mergeCmd(dirs: string[], o: { root: string; config?: string; json?: boolean }): Promise<number> {
  const r = mergeShards(o.root, dirs, o.config);
  if (o.json) printJson(r);
  else print(`merged ${r.packs.length} packs from ${dirs.length} shards (worst exit ${r.exit})\n`);
  return r.exit;
}
