import { statSync } from 'node:fs';
import type { PackConfig } from '../config/config.js';
import { currentSpecFile } from '../history/store.js';

export interface Shard {
  shard: number;
  packs: string;
  bytes: number;
}

/** The size of a pack's newest recorded model (what a night's refresh and diff cost grow with); 0 if none. */
export function packWeight(root: string, pack: PackConfig): number {
  const f = currentSpecFile(root, pack.id);
  return f ? statSync(f).size : 0;
}

/**
 * Packs split into N shards balanced by model size: largest first, each to the lightest shard so far
 * (longest-processing-time first). Deterministic: ties break by pack id, shards keep pack-id order inside.
 * The result is a GitHub Actions matrix: `{"include":[{"shard":1,"packs":"a b","bytes":123}, …]}`.
 */
export function shardPacks(root: string, packs: PackConfig[], n: number): Shard[] {
  const weighted = packs
    .map((p) => ({ id: p.id, w: packWeight(root, p) }))
    .sort((a, b) => b.w - a.w || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const shards = Array.from({ length: Math.max(1, Math.min(n, packs.length)) }, () => ({
    ids: [] as string[],
    bytes: 0,
  }));
  for (const p of weighted) {
    const light = shards.reduce((m, s, i) => (s.bytes < shards[m].bytes ? i : m), 0);
    shards[light].ids.push(p.id);
    shards[light].bytes += p.w;
  }
  return shards.map((s, i) => ({ shard: i + 1, packs: [...s.ids].sort().join(' '), bytes: s.bytes }));
}
