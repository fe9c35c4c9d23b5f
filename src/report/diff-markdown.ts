import { createRequire } from 'node:module';
import type { DiffResult } from '../drift/types.js';
import type { Snapshot } from '../snapshot/types.js';

const require = createRequire(import.meta.url);
const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A raw structural excerpt of what changed in one tool, via json-diff (no colour). */
export function rawExcerpt(oldS: Snapshot | null, newS: Snapshot | null, tool: string, maxChars = 3000): string {
  const jsonDiff = require('json-diff') as { diffString(a: unknown, b: unknown, o?: object): string };
  const pick = (s: Snapshot | null) => {
    const t = s?.tools.find((x) => x.name === tool);
    return t ? { input: t.input, output: t.output, errors: t.errors.map((e) => ({ name: e.name, fault: e.fault, httpStatus: e.httpStatus })) } : {};
  };
  const text = jsonDiff.diffString(pick(oldS), pick(newS), { color: false, maxElisions: 2 });
  return text.length > maxChars ? text.slice(0, maxChars) + '\n… (excerpt truncated)\n' : text;
}

/** A table per tool, ready for an issue body or a job summary. */
export function diffMarkdown(d: DiffResult, opts: { oldSnap?: Snapshot | null; newSnap?: Snapshot | null; excerptChars?: number } = {}): string {
  const out: string[] = [`**${d.summary.line}**`, ''];
  if (d.service.changes.length) {
    out.push(`### Service — ${d.service.class}`, '', '| class | rule | change |', '|---|---|---|');
    for (const c of d.service.changes) out.push(`| ${c.class} | \`${c.rule}\` | ${esc(c.message)} |`);
    out.push('');
  }
  for (const t of d.tools) {
    if (!t.changes.length) continue;
    out.push(`### ${t.name} — ${t.class}${t.status !== 'present' ? ` (${t.status})` : ''}`, '', '| class | path | change | rule |', '|---|---|---|---|');
    for (const c of t.changes) out.push(`| ${c.class} | \`${esc(c.path)}\` | ${esc(c.message)} | \`${c.rule}\` |`);
    out.push('');
    if ((opts.oldSnap || opts.newSnap) && t.changes.some((c) => c.class !== 'DOC')) {
      const ex = rawExcerpt(opts.oldSnap ?? null, opts.newSnap ?? null, t.name, opts.excerptChars);
      if (ex.trim()) out.push('<details><summary>raw change (json-diff)</summary>', '', '```diff', ex.trimEnd(), '```', '', '</details>', '');
    }
  }
  const clean = d.tools.filter((t) => !t.changes.length).map((t) => t.name);
  if (clean.length) out.push(`Unchanged: ${clean.join(', ')}`, '');
  return out.join('\n');
}
