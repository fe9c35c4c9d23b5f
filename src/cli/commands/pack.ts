import { resolve } from 'node:path';
import type { DriftClass } from '../../drift/types.js';
import { packDefinitions, type PackFormat } from '../../pack/definitions.js';
import { packState, TRUST_ORDER } from '../../pack/gate.js';
import type { TrustLevel } from '../../replay/types.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { UsageError } from '../../util/errors.js';
import { EXIT } from '../../util/exit.js';
import { progress } from '../output.js';

interface GateCli {
  root: string;
  config?: string;
  blockOn?: string;
  minTrust?: string;
}

const CLASSES = ['BREAKING', 'RISKY', 'ADDITIVE', 'DOC'];

async function gateOptions(id: string, o: GateCli) {
  const { loadConfig, findPack } = await import('../../config/config.js');
  const pack = findPack(loadConfig(resolve(o.root), o.config), id);
  if (o.blockOn && !CLASSES.includes(o.blockOn))
    throw new UsageError(`--block-on must be one of ${CLASSES.join(', ')}`);
  if (o.minTrust && !TRUST_ORDER.includes(o.minTrust as TrustLevel)) {
    throw new UsageError(`--min-trust must be one of ${TRUST_ORDER.join(', ')}`);
  }
  return {
    pack: pack.id,
    blockOn: o.blockOn as DriftClass | undefined,
    minTrust: o.minTrust as TrustLevel | undefined,
  };
}

/** `specwatch pack`: the current snapshot's tools as agent tool definitions. */
export async function packCmd(id: string, o: GateCli & { format?: string; out?: string }): Promise<number> {
  const format = (o.format ?? 'mcp') as PackFormat;
  if (!['mcp', 'openai', 'json'].includes(format)) throw new UsageError('--format must be mcp, openai or json');
  const g = await gateOptions(id, o);
  const state = packState(resolve(o.root), g.pack, g);
  const text = JSON.stringify(packDefinitions(state, g.pack, format), null, 2) + '\n';
  if (o.out) {
    writeFileAtomic(o.out, text);
    const open = [...state.gates.values()].filter((x) => x.enabled).length;
    process.stderr.write(`wrote ${o.out}: ${state.gates.size} tools (${open} enabled), ${format}\n`);
  } else process.stdout.write(text);
  return EXIT.OK;
}

/** `specwatch mcp`: an MCP server over stdio, gated by drift, stale behaviour and trust. */
export async function mcpCmd(
  id: string,
  o: GateCli & { endpointUrl?: string; allowWrite?: boolean; region?: string },
): Promise<number> {
  const g = await gateOptions(id, o);
  if (o.endpointUrl) (await import('../../replay/target.js')).endpointUrl(o.endpointUrl); // exit 2 before serving
  const { serveStdio } = await import('../../pack/mcp-server.js');
  // stdout is the protocol: everything else goes to stderr.
  await serveStdio({
    ...g,
    root: resolve(o.root),
    endpointUrl: o.endpointUrl,
    allowWrite: !!o.allowWrite,
    region: o.region,
    log: process.env.SPECWATCH_QUIET ? undefined : (l) => progress(`mcp: ${l}`),
  });
  return EXIT.OK;
}
