import { seededRandom } from '../emulator/serialize.js';

type Json = Record<string, unknown>;
type Shapes = Record<string, Json>;

/**
 * A deterministic mutation of a Smithy JSON AST model (seeded by the service id): remove a member,
 * add a required input member, tighten a length, add an enum value, change an operation's docs.
 * Used by the catalog benchmark and `specwatch scan --mutate` to exercise every rule family at scale.
 */
export function mutateSmithy(doc: Json, seed?: number): { doc: Json; applied: string[] } {
  const out = structuredClone(doc) as { shapes: Shapes };
  const shapes = out.shapes;
  const ids = Object.keys(shapes).sort();
  const rnd = seededRandom(seed ?? ids.reduce((h, s) => (h * 31 + s.length) >>> 0, 7));
  const pick = <T>(xs: T[]): T | undefined => (xs.length ? xs[Math.floor(rnd() * xs.length)] : undefined);
  const applied: string[] = [];
  const ops = ids.filter((id) => shapes[id].type === 'operation');
  const inputs = ops
    .map((o) => (shapes[o].input as { target?: string } | undefined)?.target)
    .filter((t): t is string => !!t && !!shapes[t] && shapes[t].type === 'structure');

  const withMembers = ids.filter(
    (id) => shapes[id].type === 'structure' && Object.keys((shapes[id].members as Json) ?? {}).length > 1,
  );
  const victim = pick(withMembers);
  if (victim) {
    const name = pick(Object.keys(shapes[victim].members as Json).sort())!;
    delete (shapes[victim].members as Json)[name];
    applied.push(`removed member ${victim}$${name}`);
  }
  const input = pick(inputs);
  if (input) {
    const members = (shapes[input].members ?? (shapes[input].members = {})) as Json;
    members.SpecwatchAddedRequired = { target: 'smithy.api#String', traits: { 'smithy.api#required': {} } };
    applied.push(`added required member ${input}$SpecwatchAddedRequired`);
  }
  const strings = ids.filter((id) => shapes[id].type === 'string');
  const s = pick(strings);
  if (s) {
    const traits = (shapes[s].traits ?? (shapes[s].traits = {})) as Json;
    const len = traits['smithy.api#length'] as { min?: number; max?: number } | undefined;
    traits['smithy.api#length'] = { ...(len ?? {}), max: len?.max ? Math.max(len.min ?? 0, len.max - 1) : 64 };
    applied.push(`tightened length of ${s}`);
  }
  const enums = ids.filter((id) => shapes[id].type === 'enum');
  const e = pick(enums);
  if (e) {
    (shapes[e].members as Json).SPECWATCH_ADDED = {
      target: 'smithy.api#Unit',
      traits: { 'smithy.api#enumValue': 'SpecwatchAdded' },
    };
    applied.push(`added enum value to ${e}`);
  }
  const op = pick(ops);
  if (op) {
    const traits = (shapes[op].traits ?? (shapes[op].traits = {})) as Json;
    traits['smithy.api#documentation'] = `${String(traits['smithy.api#documentation'] ?? '')} (changed by specwatch)`;
    applied.push(`changed docs of ${op}`);
  }
  return { doc: out as unknown as Json, applied };
}
