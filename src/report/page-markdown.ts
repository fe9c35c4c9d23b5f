import type { PageData } from './page-data.js';

import { inert, inertCode } from './inert.js';

/** The Markdown twin of the status page (also used as the Actions job summary). */
export function renderMarkdown(d: PageData): string {
  const out: string[] = [
    `# ${d.title}`,
    '',
    `${d.publisher} · pack \`${d.id}\``,
    '',
    "Watched for drift — classified from the API's own spec.",
    '',
    `**${inert(d.summaryLine)}**`,
    '',
    `${inert(d.upstream)}.`,
    '',
    '## Agent trust',
    '',
    `the agent verdict → ${d.trust.sentence} (\`${d.trust.level}\`)`,
    '',
    '## Tools',
    '',
    '| tool | drift class | input members | errors | replay (emulator) |',
    '|---|---|---|---|---|',
    ...d.tools.map((t) => `| \`${inertCode(t.name)}\` | ${t.class} | ${t.inputs} | ${t.errors} | ${t.replay} |`),
    '',
    '## Behavioral replay',
    '',
    ...(d.replays.length
      ? [
          '| target | result | when |',
          '|---|---|---|',
          ...d.replays.map((r) => `| ${r.target}${r.url ? ` (${inert(r.url)})` : ''} | ${inert(r.line)} | ${r.when} |`),
        ]
      : ['No replays yet — this connector is spec-monitored.']),
    '',
  ];
  if (d.behaviour.length) {
    out.push('## Documented behaviour', '', '| behaviour | where | rests on | status |', '|---|---|---|---|');
    for (const b of d.behaviour) {
      out.push(
        `| ${inert(b.behaviour)} | \`${inertCode(b.tool)}\` ${inert(b.path)} | "${inert(b.fact)}" | ` +
          `${b.status === 'ok' ? 'ok' : `STALE: ${inert(b.reason ?? '')}`} |`,
      );
    }
    out.push('');
  }
  out.push('## Drift timeline', '');
  if (!d.timeline.length) out.push('No drift recorded yet — the spec has held its shape.');
  for (const e of d.timeline) {
    out.push(`- **${e.date}** \`${e.version}\`: ${inert(e.summary)}${e.tools ? ` — ${inert(e.tools)}` : ''}`);
    for (const h of e.headline) out.push(`  - ${inert(h)}`);
  }
  out.push('', '## Spec history', '', ...d.history.map((h) => `- ${h.date} \`${h.version}\` ${inert(h.text)}`));
  out.push(
    '',
    '## Install and use',
    '',
    '```sh',
    `npm install ${d.sdkPackage}`,
    `npx specwatch replay ${d.id}`,
    '```',
    '',
  );
  return out.join('\n');
}
