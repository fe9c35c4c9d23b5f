import type { ReplayReport } from './types.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JUnit XML: one testsuite per tool, one testcase per replay case. */
export function toJUnit(r: ReplayReport): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = r.tools.flatMap((t) => t.cases);
  const count = (v: string) => all.filter((c) => c.verdict === v).length;
  lines.push(
    `<testsuites name="specwatch replay ${esc(r.pack)} (${r.target})" tests="${all.length}" ` +
      `failures="${count('FAIL')}" skipped="${count('SKIP') + count('UNIMPLEMENTED')}" ` +
      `time="${(r.durationMs / 1000).toFixed(3)}">`,
  );
  for (const t of r.tools) {
    const f = t.cases.filter((c) => c.verdict === 'FAIL').length;
    const s = t.cases.filter((c) => c.verdict === 'SKIP' || c.verdict === 'UNIMPLEMENTED').length;
    lines.push(`  <testsuite name="${esc(t.name)}" tests="${t.cases.length}" failures="${f}" skipped="${s}">`);
    for (const c of t.cases) {
      lines.push(
        `    <testcase classname="${esc(`${r.pack}.${t.name}`)}" name="${esc(c.name)}" ` +
          `time="${(c.durationMs / 1000).toFixed(3)}">`,
      );
      if (c.verdict === 'FAIL') lines.push(`      <failure message="${esc(c.reason)}"/>`);
      if (c.verdict === 'SKIP' || c.verdict === 'UNIMPLEMENTED')
        lines.push(`      <skipped message="${esc(`${c.verdict}: ${c.reason}`)}"/>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}
