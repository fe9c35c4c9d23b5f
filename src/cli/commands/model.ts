import { writeFileAtomic } from '../../util/atomic.js';
import { canonicalJson } from '../../util/canonical.js';
import { snapshotFromFile } from '../../snapshot/io.js';
import { rootMemberCount } from '../../snapshot/refs.js';
import { print, printJson } from '../output.js';

export function snapshotCmd(spec: string, opts: { out?: string; pack: string }): void {
  const snap = snapshotFromFile(spec, opts.pack);
  const text = canonicalJson(snap);
  if (opts.out) {
    writeFileAtomic(opts.out, text);
    process.stderr.write(
      `wrote ${opts.out} (${snap.tools.length} tools, fingerprint ${snap.fingerprint.slice(0, 12)})\n`,
    );
  } else process.stdout.write(text);
}

export function toolsCmd(spec: string, opts: { json?: boolean; pack: string }): void {
  const snap = snapshotFromFile(spec, opts.pack);
  const rows = snap.tools.map((t) => {
    return {
      tool: t.name,
      input: rootMemberCount(t.input),
      output: rootMemberCount(t.output),
      errors: t.errors.length,
      fingerprint: t.fingerprint.slice(0, 12),
    };
  });
  if (opts.json) return printJson(rows);
  const header = ['tool', 'input members', 'output members', 'errors', 'fingerprint'];
  const table = [
    header,
    ...rows.map((r) => [r.tool, String(r.input), String(r.output), String(r.errors), r.fingerprint]),
  ];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  for (const row of table)
    print(
      row
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd() + '\n',
    );
}
