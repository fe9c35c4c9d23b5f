import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { modelFiles, scanOne, type ScanRow } from '../../drift/scan.js';
import { UsageError } from '../../util/errors.js';
import { EXIT } from '../../util/exit.js';
import { print, printJson } from '../output.js';

function bar(done: number, total: number, label: string): string {
  const w = 28;
  const fill = Math.round((done / total) * w);
  return `\r[${'#'.repeat(fill)}${'.'.repeat(w - fill)}] ${done}/${total} ${label.slice(0, 40).padEnd(40)}`;
}

/** `specwatch scan DIR`: the drift pipeline over a folder of models, one service at a time. */
export async function scanCmd(
  dir: string,
  opts: { against?: string; mutate?: boolean; json?: boolean },
): Promise<number> {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${dir}: not a folder of models`);
  if (opts.against && opts.mutate) throw new UsageError('--against and --mutate exclude each other');
  const other = opts.against ? resolve(opts.against) : null;
  if (other && (!existsSync(other) || !statSync(other).isDirectory()))
    throw new UsageError(`--against ${opts.against}: not a folder of models`);
  const files = modelFiles(root);
  if (!files.length) throw new UsageError(`${dir}: no .json models found`);
  const tty = !!process.stderr.isTTY && !opts.json;
  const rows: ScanRow[] = [];
  const t0 = performance.now();
  for (const [i, f] of files.entries()) {
    rows.push(scanOne(f, { root, against: other ?? undefined, mutate: opts.mutate }));
    if (tty) process.stderr.write(bar(i + 1, files.length, rows.at(-1)!.file));
  }
  if (tty) process.stderr.write('\n');
  const wall = performance.now() - t0;
  const failed = rows.filter((r) => r.error);
  const compared = rows.filter((r) => r.compared);
  const notCompared = rows.filter((r) => !r.compared && !r.error);
  if (opts.json) {
    printJson({
      models: rows.length,
      compared: compared.length,
      notCompared: notCompared.length,
      failed: failed.length,
      wallMs: Math.round(wall),
      rows,
    });
  } else {
    const w = Math.min(60, Math.max(...rows.map((r) => r.file.length)));
    for (const r of rows) print(`${r.file.padEnd(w)}  ${r.error ? `ERROR ${r.error}` : r.line}\n`);
    const tools = rows.reduce((s, r) => s + r.tools, 0);
    const ratio = rows.reduce((s, r) => s + r.ms, 0) / rows.reduce((s, r) => s + r.floorMs, 0);
    print(
      `\n${rows.length} models, ${compared.length} pairs compared, ${notCompared.length} not compared, ` +
        `${tools} tools, ${failed.length} failed, ${(wall / 1000).toFixed(1)}s; pipeline/floor ${ratio.toFixed(2)}×\n`,
    );
  }
  return failed.length ? EXIT.INPUT : EXIT.OK;
}
