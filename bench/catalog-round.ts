// Child process for the catalog benchmark: one round of the scan (every model against its seeded mutation) in a
// fresh process, so no round inherits another's caches (docs, facts, patterns) or compiled code.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.argv[2];
const dist = (p: string) => import(pathToFileURL(join(import.meta.dirname, '..', 'dist', p)).href);
const { modelFiles, scanOne } = await dist('drift/scan.js');
const out = {
  pipeline: 0,
  floor: 0,
  tools: 0,
  failed: 0,
  nonZeroResidual: 0,
  times: [] as [number, string][],
  phases: {} as Record<string, number>, // the pipeline's time by phase (src/util/laps.ts)
};
for (const f of modelFiles(dir) as string[]) {
  const r = scanOne(f, { root: dir, mutate: true, laps: out.phases });
  out.pipeline += r.ms;
  out.floor += r.floorMs;
  out.tools += r.tools;
  if (r.error) out.failed++;
  if (r.residual > 0) out.nonZeroResidual++;
  out.times.push([r.ms, r.file.split('/').pop()!]);
}
process.send!({ ...out, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }, () => process.disconnect());
