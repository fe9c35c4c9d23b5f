import { createRequire } from 'node:module';
import type { DiffResult } from '../drift/types.js';
import type { FactChange } from '../facts/compare.js';
import type { Snapshot } from '../snapshot/types.js';
import { rank } from '../drift/types.js';
import { fenceFor, inert, inertCode } from './inert.js';
import { oneLine } from '../util/errors.js';

const require = createRequire(import.meta.url);

/** A raw structural excerpt of what changed in one tool, via json-diff (no colour). */
export function rawExcerpt(oldS: Snapshot | null, newS: Snapshot | null, tool: string, maxChars = 3000): string {
  const jsonDiff = require('json-diff') as { diffString(a: unknown, b: unknown, o?: object): string };
  const pick = (s: Snapshot | null) => {
    const t = s?.tools.find((x) => x.name === tool);
    return t
      ? {
          input: t.input,
          output: t.output,
          errors: t.errors.map((e) => ({ name: e.name, fault: e.fault, httpStatus: e.httpStatus })),
        }
      : {};
  };
  // Inside a fence nothing renders, but mentions and comment openers are broken all the same, control characters
  // are escaped (json-diff prints object keys raw), and one huge value cannot fill the excerpt.
  const text = jsonDiff
    .diffString(pick(oldS), pick(newS), { color: false, maxElisions: 2 })
    .split('\n')
    .map((l) => oneLine(l.length > 300 ? `${l.slice(0, 300)}…` : l))
    .join('\n')
    .replace(/@/g, '@\u200b')
    .replace(/<!--/g, '<\u200b!--');
  return text.length > maxChars ? text.slice(0, maxChars) + '\n… (excerpt truncated)\n' : text;
}

const MAX_FACTS = 8;
const clip = (q: string | null) => (q === null ? '—' : inert(q.length > 160 ? `${q.slice(0, 160)}…` : q));

/** Behavioural doc facts side by side: the fact and its sentence, before and after (bounded). */
export function factsTable(facts: FactChange[]): string[] {
  if (!facts.length) return [];
  const out = ['Documented behaviour, before → after:', '', '| doc path | before | after |', '|---|---|---|'];
  for (const f of facts.slice(0, MAX_FACTS)) {
    const cell = (v: string | null, q: string | null) => (v === null ? '—' : `**${inert(v)}** — ${clip(q)}`);
    out.push(`| \`${inertCode(f.path)}\` | ${cell(f.before, f.quoteBefore)} | ${cell(f.after, f.quoteAfter)} |`);
  }
  if (facts.length > MAX_FACTS) out.push(`| … | ${facts.length - MAX_FACTS} more | |`);
  return [...out, ''];
}

/**
 * A table per tool, ready for an issue body or a job summary. Upstream text is inert (see inert.ts).
 * With `budget`, rows are kept worst class first: a BREAKING row is never cut for a RISKY or DOC one.
 */
export interface DiffMarkdownOptions {
  oldSnap?: Snapshot | null;
  newSnap?: Snapshot | null;
  excerptChars?: number;
  /** Characters the rows may take; rows beyond it are left out, lowest class first. */
  budget?: number;
}

export function diffMarkdown(d: DiffResult, opts: DiffMarkdownOptions = {}): string {
  const rows = [
    ...d.service.changes.map((c) => ({ tool: null as string | null, c })),
    ...d.tools.flatMap((t) => t.changes.map((c) => ({ tool: t.name, c }))),
  ];
  const row = (x: (typeof rows)[number]) =>
    x.tool === null
      ? `| ${x.c.class} | \`${inertCode(x.c.rule)}\` | ${inert(x.c.message)} |`
      : `| ${x.c.class} | \`${inertCode(x.c.path)}\` | ${inert(x.c.message)} | \`${inertCode(x.c.rule)}\` |`;
  let kept = new Set(rows);
  let dropped = 0;
  if (opts.budget !== undefined) {
    let used = 0;
    kept = new Set();
    for (const x of [...rows].sort((a, b) => rank(b.c.class) - rank(a.c.class))) {
      const len = row(x).length + 1;
      if (used + len > opts.budget) {
        dropped++;
        continue;
      }
      used += len;
      kept.add(x);
    }
  }
  const out: string[] = [`**${inert(d.summary.line)}**`, ''];
  if (d.service.changes.length) {
    out.push(`### Service — ${d.service.class}`, '', '| class | rule | change |', '|---|---|---|');
    for (const x of rows) if (x.tool === null && kept.has(x)) out.push(row(x));
    out.push('');
  }
  for (const t of d.tools) {
    if (!t.changes.length) continue;
    out.push(
      `### ${inert(t.name)} — ${t.class}${t.status !== 'present' ? ` (${t.status})` : ''}`,
      '',
      '| class | path | change | rule |',
      '|---|---|---|---|',
    );
    for (const x of rows) if (x.tool === t.name && kept.has(x)) out.push(row(x));
    out.push('');
    out.push(...factsTable(t.changes.flatMap((c) => c.facts ?? [])));
    if ((opts.oldSnap || opts.newSnap) && t.changes.some((c) => c.class !== 'DOC')) {
      const ex = rawExcerpt(opts.oldSnap ?? null, opts.newSnap ?? null, t.name, opts.excerptChars);
      const fence = fenceFor(ex);
      if (ex.trim()) {
        out.push('<details><summary>raw change (json-diff)</summary>', '', `${fence}diff`, ex.trimEnd(), fence, '');
        out.push('</details>', '');
      }
    }
  }
  if (dropped) out.push(`… ${dropped} lower-class row(s) left out to fit; run \`specwatch diff\` for the full list`);
  const clean = d.tools.filter((t) => !t.changes.length).map((t) => inert(t.name));
  if (clean.length) out.push(`Unchanged: ${clean.join(', ')}`, '');
  return out.join('\n');
}
