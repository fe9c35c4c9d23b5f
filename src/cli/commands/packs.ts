import { resolve } from 'node:path';
import { loadConfig } from '../../config/config.js';
import { UsageError } from '../../util/errors.js';
import { EXIT } from '../../util/exit.js';
import { packWeight, shardPacks } from '../../watch/shards.js';
import { print, printJson } from '../output.js';

/** `specwatch packs [--matrix N]`: the configured packs, or a GitHub Actions matrix of N balanced shards. */
export async function packsCmd(o: { root: string; config?: string; matrix?: string; json?: boolean }): Promise<number> {
  const root = resolve(o.root);
  const config = loadConfig(root, o.config);
  if (o.matrix !== undefined) {
    const n = Number(o.matrix);
    if (!Number.isInteger(n) || n < 1 || n > 256)
      throw new UsageError(`--matrix must be an integer 1–256 (got "${o.matrix}")`);
    // One line of JSON: what `echo "matrix=$(specwatch packs --matrix 8)" >> "$GITHUB_OUTPUT"` needs.
    print(JSON.stringify({ include: shardPacks(root, config.packs, n) }) + '\n');
    return EXIT.OK;
  }
  const rows = config.packs.map((p) => ({
    id: p.id,
    title: p.title,
    sources: p.sources.length,
    bytes: packWeight(root, p),
  }));
  if (o.json) printJson(rows);
  else for (const r of rows) print(`${r.id.padEnd(44)} ${r.title} (${r.bytes} bytes)\n`);
  return EXIT.OK;
}
