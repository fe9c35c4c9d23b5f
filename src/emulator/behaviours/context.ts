import type { CallerFixture } from '../fixtures.js';
import type { EmulatorState } from '../state.js';
import type { Snapshot } from '../../snapshot/types.js';
import type { Signer } from '../jwt.js';
import type { Windows } from '../doc-rules.js';

export interface OpContext {
  body: Record<string, unknown>;
  caller: CallerFixture & { accessKeyId: string };
  /** Region the request was signed for: the endpoint's region. */
  region: string;
  now: Date;
  state: EmulatorState;
  snapshot: Snapshot;
  signer: Signer;
  /** The reporting windows in force: the served model's docs, then fixture overrides. */
  windows: Windows;
  /** Deterministic pseudo-random in [0,1) for fault injection. */
  random: () => number;
}

export type OpHandler = (ctx: OpContext) => Promise<Record<string, unknown>> | Record<string, unknown>;

/** Whether the served snapshot models a member on a structure reachable from a tool's input. */
export function modelsMember(snapshot: Snapshot, tool: string, def: string, member: string): boolean {
  const t = snapshot.tools.find((x) => x.name === tool);
  const d = (t?.input.$defs as Record<string, { properties?: Record<string, unknown> }> | undefined)?.[def];
  return !!d?.properties && member in d.properties;
}
