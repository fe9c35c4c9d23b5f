import { resolve } from 'node:path';
import { currentSnapshot } from '../../history/store.js';
import { storePaths } from '../../history/paths.js';
import { runReplay } from '../../replay/runner.js';
import { toJUnit } from '../../replay/junit.js';
import { storeTrust } from '../../replay/trust.js';
import type { ReplayReport, Target } from '../../replay/types.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { UsageError } from '../../util/errors.js';
import { loadFixtures } from '../../emulator/fixtures.js';
import { EXIT } from '../exit.js';
import { CLASS_STYLE, paint, printJson, progress, useColor } from '../output.js';

export interface ReplayCmdOptions { target?: string; endpoint?: string; junit?: string; json?: boolean; root: string; region?: string; fixtures?: string; store?: boolean }

export async function replayPack(pack: string, opts: ReplayCmdOptions, quiet = false): Promise<ReplayReport> {
  const root = resolve(opts.root);
  const snapshot = currentSnapshot(root, pack);
  if (!snapshot) throw new UsageError(`no recorded snapshot for ${pack} under ${root} (run \`specwatch refresh --offline\` first)`);
  let target: Target = 'emulator';
  if (opts.target === 'live') target = 'live';
  else if (opts.target && opts.target !== 'emulator') throw new UsageError(`--target must be emulator or live (got "${opts.target}")`);
  else if (opts.endpoint) target = 'endpoint';
  if (opts.endpoint && !/^https?:\/\//.test(opts.endpoint)) throw new UsageError(`--endpoint must be an http(s) URL (got "${opts.endpoint}")`);
  const paths = storePaths(root, pack);
  if (!quiet) progress(`replaying ${pack} (${snapshot.tools.length} tools) against ${target === 'emulator' ? 'the built-in emulator' : opts.endpoint ?? 'the live endpoint'} …`);
  const report = await runReplay({
    snapshot, pack, target, endpoint: opts.endpoint, region: opts.region, logDir: paths.replaysDir,
    fixtures: opts.fixtures ? loadFixtures(opts.fixtures) : undefined, onProgress: quiet ? undefined : progress,
  });
  // Only the built-in emulator and live prove anything about the pack; a third-party endpoint is a check of that endpoint.
  if (opts.store !== false && target !== 'endpoint') report.trust = (({ level, sentence }) => ({ level, sentence }))(storeTrust(paths.verdictFile, report));
  if (opts.junit) writeFileAtomic(opts.junit, toJUnit(report));
  return report;
}

export async function replayCmd(pack: string, opts: ReplayCmdOptions): Promise<number> {
  const report = await replayPack(pack, opts, !!opts.json);
  if (opts.json) printJson(report);
  else {
    const color = useColor();
    for (const t of report.tools) {
      process.stdout.write(`${t.name.padEnd(16)} ${paint(CLASS_STYLE[t.verdict], t.verdict.padEnd(13), color)} ${t.reason}\n`);
      for (const c of t.cases.filter((x) => x.verdict === 'FAIL')) process.stdout.write(`    ✗ ${c.name}: ${c.reason}\n`);
    }
    process.stdout.write(`${report.summary.line}\n${report.trust.sentence}\n`);
  }
  return report.summary.FAIL ? EXIT.DRIFT : EXIT.OK;
}
