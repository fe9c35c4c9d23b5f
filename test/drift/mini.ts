import { loadModelDoc } from '../../src/model/load.js';
import { normalize } from '../../src/snapshot/normalize.js';
import { diffSnapshots } from '../../src/drift/engine.js';
import type { Change, DiffResult } from '../../src/drift/types.js';

export const NS = 'ex.mini';
export type Shapes = Record<string, Record<string, unknown>>;

/** A one-operation awsJson1_1 service: Op(In) → Out, with the given extra shapes. */
export function miniModel(
  shapes: Shapes,
  opts: {
    protocol?: string | null;
    version?: string;
    errors?: string[];
    opTraits?: Record<string, unknown>;
    svcTraits?: Record<string, unknown>;
  } = {},
) {
  const protocol = opts.protocol === undefined ? 'aws.protocols#awsJson1_1' : opts.protocol;
  const svcTraits: Record<string, unknown> = { 'aws.auth#sigv4': { name: 'mini' }, ...(opts.svcTraits ?? {}) };
  if (protocol) svcTraits[protocol] = {};
  const full: Shapes = {
    [`${NS}#Svc`]: {
      type: 'service',
      version: opts.version ?? '2020-01-01',
      operations: [{ target: `${NS}#Op` }],
      traits: svcTraits,
    },
    [`${NS}#Op`]: {
      type: 'operation',
      input: { target: `${NS}#In` },
      output: { target: `${NS}#Out` },
      errors: (opts.errors ?? []).map((e) => ({ target: `${NS}#${e}` })),
      traits: opts.opTraits ?? {},
    },
    [`${NS}#In`]: { type: 'structure', members: {} },
    [`${NS}#Out`]: { type: 'structure', members: {} },
  };
  for (const [k, v] of Object.entries(shapes)) full[`${NS}#${k}`] = v;
  return { smithy: '2.0', shapes: full };
}

export const str = (traits: Record<string, unknown> = {}) => ({ type: 'string', traits });
export const member = (target: string, traits: Record<string, unknown> = {}) => ({
  target: target.includes('#') ? target : `${NS}#${target}`,
  traits,
});
export const struct = (members: Record<string, unknown>, traits: Record<string, unknown> = {}) => ({
  type: 'structure',
  members,
  traits,
});
export const REQ = { 'smithy.api#required': {} };

export function snapOf(doc: unknown) {
  return normalize(loadModelDoc(doc, 'mini.json'), { pack: 'mini', bytes: JSON.stringify(doc), location: 'mini.json' });
}

export function diffModels(a: unknown, b: unknown): DiffResult {
  return diffSnapshots(snapOf(a), snapOf(b));
}

export function allChanges(d: DiffResult): Change[] {
  return [...d.service.changes, ...d.tools.flatMap((t) => t.changes)];
}

/** The rule ids a diff produced, sorted. */
export function rulesOf(d: DiffResult): string[] {
  return allChanges(d)
    .map((c) => c.rule)
    .sort();
}
