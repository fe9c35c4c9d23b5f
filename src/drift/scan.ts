import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { loadModelDoc, loadModelTextLike } from '../model/load.js';
import { checkDepth, parseJsonText } from '../util/json.js';
import { lap, lapStart, type Laps } from '../util/laps.js';
import { diffModels } from './models.js';
import { mutateSmithy } from './mutate.js';
import { shortName, type ServiceModel } from '../model/types.js';
import type { DiffResult } from './types.js';

export interface ScanRow {
  file: string;
  service: string;
  tools: number;
  line: string;
  residual: number;
  ms: number;
  floorMs: number;
  error: string | null;
  /** Whether a counterpart was really compared; when not, why (never reported as CLEAN). */
  compared: boolean;
  notCompared: string | null;
}

/** Every .json model under a folder, sorted (recursively). */
export function modelFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith('.json')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * Two model texts compared as the catalog compares them: both parsed and loaded (the second sharing the first's
 * loaded shapes where their JSON is equal, so the comparison sees them by identity), then classified by
 * diffModels. Without a second text, the model is compared with itself.
 */
export function diffModelTexts(
  a: string,
  b: string | null,
  file: string,
  laps?: Laps,
): { a: ServiceModel; d: DiffResult } {
  const t0 = lapStart(laps);
  const docA = parseJsonText(a, file, { depth: false });
  const t1 = lap(laps, 'parse', t0);
  checkDepth(docA, file);
  const ma = loadModelDoc(docA, file);
  lap(laps, 'load', t1);
  const mb = b === null ? ma : loadModelTextLike(b, file, { doc: docA, model: ma }, laps);
  return { a: ma, d: diffModels(ma, mb, laps) };
}

/**
 * The catalog pipeline, one service at a time (so memory stays flat): load + normalize a model and
 * its counterpart (a file of the same relative path under `against`, or a seeded mutation), then
 * classify. The floor (JSON.parse + sha256 of the same bytes) is timed alongside; `laps` collects the
 * pipeline's time by phase.
 */
export function scanOne(
  file: string,
  opts: { root: string; against?: string; mutate?: boolean; laps?: Laps },
): ScanRow {
  const rel = relative(opts.root, file);
  const bytes = readFileSync(file);
  let other: Buffer | null = null;
  let why: string | null = null;
  if (opts.against) {
    try {
      other = readFileSync(join(opts.against, rel));
    } catch {
      why = `no counterpart ${rel} under --against`;
    }
  } else if (opts.mutate) {
    try {
      const doc = JSON.parse(bytes.toString('utf8'));
      const m = 'smithy' in doc ? mutateSmithy(doc) : null;
      other = m && m.applied.length ? Buffer.from(JSON.stringify(m.doc)) : null;
      if (!other) why = m ? '--mutate found nothing to mutate' : '--mutate handles Smithy models only';
    } catch {
      other = null;
      why = 'not JSON';
    }
  } else why = 'nothing to compare against (use --against or --mutate)';
  const f0 = performance.now();
  try {
    JSON.parse(bytes.toString('utf8'));
    createHash('sha256').update(bytes).digest();
    if (other) {
      JSON.parse(other.toString('utf8'));
      createHash('sha256').update(other).digest();
    }
  } catch {
    // Not JSON: the pipeline below says where (one failed row), and the scan goes on.
  }
  const floorMs = performance.now() - f0;
  const t0 = performance.now();
  try {
    const { a, d } = diffModelTexts(bytes.toString('utf8'), other ? other.toString('utf8') : null, file, opts.laps);
    return {
      file: rel,
      service: shortName(a.serviceId),
      tools: d.tools.filter((t) => t.status !== 'added').length,
      line: other ? d.summary.line : `not compared: ${why}`,
      residual: d.summary.residual,
      ms: performance.now() - t0,
      floorMs,
      error: null,
      compared: !!other,
      notCompared: why,
    };
  } catch (e) {
    return {
      file: rel,
      service: '?',
      tools: 0,
      line: '',
      residual: 0,
      ms: performance.now() - t0,
      floorMs,
      error: (e as Error).message,
      compared: false,
      notCompared: 'error',
    };
  }
}
