import { outcomeLine } from '../../fetch/refresh.js';
import { rank } from '../../drift/types.js';
import { EXIT } from '../../util/exit.js';
import { refreshPacks, worstOf } from '../../watch/refresh-packs.js';
import { parseFailOn } from './diff.js';
import { print, printJson, progress } from '../output.js';

export interface RefreshCmdOptions {
  source?: string;
  offline?: boolean;
  failOn?: string;
  root: string;
  config?: string;
  json?: boolean;
}

export async function refreshCmd(ids: string[], opts: RefreshCmdOptions): Promise<number> {
  const failOn = parseFailOn(opts.failOn);
  const { results } = await refreshPacks(ids, { ...opts, progress: opts.json ? undefined : progress });
  if (opts.json)
    printJson(
      results.map((r) => ({
        pack: r.pack,
        outcome: r.outcome,
        summary: r.entry.summary,
        versionId: r.entry.versionId,
        sources: r.sources,
        disagreement: r.disagreement,
        error: r.entry.error,
        diff: r.diff,
      })),
    );
  else {
    for (const r of results) {
      print(`${r.pack}: ${outcomeLine(r)}\n`);
      if (r.disagreement) print(`  note: ${r.disagreement}\n`);
      for (const h of r.entry.headline) print(`  ${h}\n`);
    }
  }
  if (results.some((r) => r.outcome === 'fetch-failed')) return EXIT.FETCH;
  if (failOn && results.some((r) => rank(worstOf(r)) >= rank(failOn))) return EXIT.DRIFT;
  return EXIT.OK;
}
