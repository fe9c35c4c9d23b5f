import { CLASS_STYLE, paint } from '../util/color.js';
import type { DiffResult } from '../drift/types.js';
import { oneLine } from '../util/errors.js';

export function diffText(d: DiffResult, color: boolean): string {
  const lines: string[] = [];
  const cls = (c: string) => paint(CLASS_STYLE[c] ?? 'white', c, color);
  if (d.service.changes.length) {
    lines.push(`service ${cls(d.service.class)}`);
    for (const c of d.service.changes) lines.push(`  ${cls(c.class)} ${c.rule}  ${oneLine(c.message)}`);
  }
  for (const t of d.tools) {
    lines.push(`${oneLine(t.name)}${t.status !== 'present' ? ` (${t.status})` : ''} ${cls(t.class)}`);
    for (const c of t.changes) lines.push(`  ${cls(c.class)} ${oneLine(c.path)}  ${oneLine(c.message)}  [${c.rule}]`);
  }
  lines.push(paint('bold', d.summary.line, color));
  return lines.join('\n') + '\n';
}
