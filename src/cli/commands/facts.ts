import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { currentSnapshot } from '../../history/store.js';
import { factText } from '../../facts/compare.js';
import { toolFacts } from '../../facts/tool.js';
import { behaviourAnchors } from '../../replay/anchors.js';
import { snapshotFromFile } from '../../snapshot/io.js';
import { UsageError } from '../../util/errors.js';
import { EXIT } from '../../util/exit.js';
import { print, printJson } from '../output.js';

interface FactsOptions {
  root: string;
  config?: string;
  tool?: string;
  json?: boolean;
}

/** `specwatch facts [PACK|SPEC]`: each tool's behavioural doc facts with their doc paths, and the anchors. */
export async function factsCmd(target: string, opts: FactsOptions): Promise<number> {
  const root = resolve(opts.root);
  let snap;
  if (existsSync(target)) snap = snapshotFromFile(target, 'facts');
  else {
    const { loadConfig, findPack } = await import('../../config/config.js');
    const pack = findPack(loadConfig(root, opts.config), target);
    snap = currentSnapshot(root, pack.id);
    if (!snap) throw new UsageError(`${pack.id}: no version recorded yet (run \`specwatch refresh ${pack.id}\`)`);
  }
  const tools = snap.tools.filter((t) => !opts.tool || t.name === opts.tool);
  if (opts.tool && !tools.length) {
    throw new UsageError(`no tool ${opts.tool} (have: ${snap.tools.map((t) => t.name).join(', ')})`);
  }
  const rows = tools.map((t) => ({
    tool: t.name,
    facts: toolFacts(t).map((f) => ({ path: f.path, kind: f.kind, fact: factText(f), quote: f.quote })),
  }));
  const behaviour = behaviourAnchors(snap).filter((a) => !opts.tool || a.tool === opts.tool);
  if (opts.json) {
    printJson({ service: snap.service.name, tools: rows, behaviour });
    return EXIT.OK;
  }
  for (const r of rows) {
    print(`${r.tool} (${r.facts.length} facts)\n`);
    for (const f of r.facts) {
      const q = f.quote.length > 100 ? `${f.quote.slice(0, 99)}…` : f.quote;
      print(`  ${f.path.padEnd(34)} ${f.kind.padEnd(11)} ${f.fact}\n      “${q}”\n`);
    }
  }
  if (behaviour.length) {
    print('\nBehaviour anchors (emulator rules and replay expectations):\n');
    for (const a of behaviour) {
      print(
        `  ${a.status === 'ok' ? 'ok   ' : 'STALE'} ${a.behaviour}: "${a.fact}" (${a.tool} ${a.path})` +
          `${a.reason ? ` — ${a.reason}` : ''}\n`,
      );
    }
  }
  return EXIT.OK;
}
