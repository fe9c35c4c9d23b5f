import { diffSnapshots } from '../../drift/engine.js';
import { rank, type DriftClass } from '../../drift/types.js';
import { snapshotFromFile } from '../../snapshot/io.js';
import { diffMarkdown } from '../../report/diff-markdown.js';
import { diffText } from '../../report/diff-text.js';
import { UsageError } from '../../util/errors.js';
import { EXIT } from '../../util/exit.js';
import { printJson, useColor } from '../output.js';

export function parseFailOn(v: string | undefined): DriftClass | undefined {
  if (v === undefined) return undefined;
  const c = v.toUpperCase();
  if (!['BREAKING', 'RISKY', 'ADDITIVE', 'DOC'].includes(c))
    throw new UsageError(`--fail-on must be one of BREAKING, RISKY, ADDITIVE, DOC (got "${v}")`);
  return c as DriftClass;
}

/** True when any class at or above the threshold occurs. */
export function reachesThreshold(classes: DriftClass[], failOn: DriftClass | undefined): boolean {
  return !!failOn && classes.some((c) => rank(c) >= rank(failOn));
}

export function diffCmd(
  oldFile: string,
  newFile: string,
  opts: { json?: boolean; markdown?: boolean; failOn?: string; pack: string },
): number {
  const failOn = parseFailOn(opts.failOn);
  const a = snapshotFromFile(oldFile, opts.pack);
  const b = snapshotFromFile(newFile, opts.pack);
  const d = diffSnapshots(a, b);
  if (opts.json) printJson(d);
  else if (opts.markdown) process.stdout.write(diffMarkdown(d, { oldSnap: a, newSnap: b }));
  else process.stdout.write(diffText(d, useColor()));
  const classes = [d.service.class, ...d.tools.map((t) => t.class)];
  return reachesThreshold(classes, failOn) ? EXIT.DRIFT : EXIT.OK;
}
