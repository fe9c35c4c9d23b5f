import { resolve } from 'node:path';
import { replayPack as runPackReplay } from '../../replay/pack.js';
import { EXIT } from '../../util/exit.js';
import { CLASS_STYLE, oneLine, paint, print, printJson, progress, useColor } from '../output.js';

export interface ReplayCmdOptions {
  target?: string;
  endpoint?: string;
  junit?: string;
  json?: boolean;
  root: string;
  region?: string;
  fixtures?: string;
  store?: boolean;
}

export function replayPack(pack: string, opts: ReplayCmdOptions, quiet = false) {
  return runPackReplay(pack, { ...opts, root: resolve(opts.root), progress: quiet ? undefined : progress });
}

export async function replayCmd(pack: string, opts: ReplayCmdOptions): Promise<number> {
  const report = await replayPack(pack, opts, !!opts.json);
  if (opts.json) printJson(report);
  else {
    const color = useColor();
    // Every tool skipped for one reason (a protocol without replay): the summary line says it once.
    const skipAll = report.tools.every((t) => t.verdict === 'SKIP' && t.reason === report.tools[0].reason);
    for (const t of skipAll ? [] : report.tools) {
      const verdict = paint(CLASS_STYLE[t.verdict], t.verdict.padEnd(13), color);
      process.stdout.write(`${oneLine(t.name).padEnd(16)} ${verdict} ${oneLine(t.reason)}\n`);
      for (const c of t.cases.filter((x) => x.verdict === 'FAIL')) print(`    ✗ ${c.name}: ${c.reason}\n`);
    }
    for (const st of report.behaviour.stale) print(`STALE ${st.reason}\n`);
    print(`${report.summary.line}\n${report.trust.sentence}\n`);
  }
  return report.summary.FAIL ? EXIT.DRIFT : EXIT.OK;
}
