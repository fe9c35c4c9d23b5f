import type { NodeRuleFamily, RuleDef, ServiceRuleFamily, ToolRuleFamily } from '../types.js';
import { behaviourDocs } from './behaviour-docs.js';
import { bounds } from './bounds.js';
import { defaults } from './defaults.js';
import { docs } from './docs.js';
import { enums } from './enums.js';
import { errors } from './errors.js';
import { flags } from './flags.js';
import { formats } from './formats.js';
import { idempotency } from './idempotency.js';
import { members } from './members.js';
import { operationTraits } from './operation-traits.js';
import { patterns } from './patterns.js';
import { service } from './service.js';
import { toolPresence } from './tools.js';
import { types } from './types.js';
import { wireNames } from './wire-names.js';

/** Node families run in this order; `types` first because a type change stops the descent. */
export const NODE_FAMILIES: NodeRuleFamily[] = [
  types,
  members,
  enums,
  bounds,
  patterns,
  defaults,
  formats,
  idempotency,
  wireNames,
  flags,
];
export const TOOL_FAMILIES: ToolRuleFamily[] = [errors, operationTraits, behaviourDocs];
export const SERVICE_FAMILIES: ServiceRuleFamily[] = [service];

export const UNCLASSIFIED_RULE: RuleDef = {
  id: 'unclassified',
  class: 'UNCLASSIFIED',
  direction: 'tool',
  summary: 'a change no rule explains',
};

/** The flat registry: every rule id with its class and direction. */
export const RULES: RuleDef[] = [
  ...NODE_FAMILIES.flatMap((f) => f.rules),
  ...TOOL_FAMILIES.flatMap((f) => f.rules),
  ...SERVICE_FAMILIES.flatMap((f) => f.rules),
  ...toolPresence.rules,
  ...docs.rules,
  UNCLASSIFIED_RULE,
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));
export function ruleById(id: string): RuleDef {
  const r = BY_ID.get(id);
  if (!r) throw new Error(`internal: unknown rule id ${id}`);
  return r;
}

/** Rules with no mirror on the other direction, and why (checked by the symmetry test). */
export const MIRROR_WAIVERS: Record<string, string> = {};
