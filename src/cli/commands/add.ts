import { relative } from 'node:path';
import { addPack } from '../../config/add.js';
import { EXIT } from '../../util/exit.js';
import { print, printJson } from '../output.js';

/** `specwatch add SERVICE --source FILE`: thin over src/config/add.ts. */
export async function addCmd(
  service: string,
  o: { source: string[]; root: string; config?: string; json?: boolean },
): Promise<number> {
  const r = addPack(service, { root: o.root, config: o.config, sources: o.source });
  if (o.json) printJson({ pack: r.pack, version: r.entry.versionId, summary: r.entry.summary });
  else {
    print(
      `added pack ${r.pack.id} (${r.pack.title}) to ${relative(process.cwd(), r.configFile) || r.configFile}\n` +
        `  first version ${r.entry.versionId}: ${r.entry.summary}\n` +
        `  sources: ${r.pack.sources.map((x) => x.name).join(', ')}\n`,
    );
  }
  return EXIT.OK;
}
