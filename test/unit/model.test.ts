import { describe, expect, it } from 'vitest';
import { loadModelDoc, detectFormat } from '../../src/model/load.js';
import { normalize } from '../../src/snapshot/normalize.js';
import { createAjv } from '../../src/snapshot/ajv.js';
import type { JsonSchema } from '../../src/snapshot/types.js';

const NS = 'ex.test';
function model(shapes: Record<string, unknown>, version = '2.0') {
  return {
    smithy: version,
    shapes: {
      [`${NS}#Svc`]: {
        type: 'service',
        version: '2020-01-01',
        operations: [{ target: `${NS}#Op` }],
        traits: { 'aws.protocols#awsJson1_1': {} },
      },
      ...shapes,
    },
  };
}
const norm = (doc: unknown) =>
  normalize(loadModelDoc(doc, 'm.json'), { pack: 'p', bytes: JSON.stringify(doc), location: 'm.json' });
const defs = (s: JsonSchema) => s.$defs as Record<string, JsonSchema>;

describe('Smithy JSON AST loader', () => {
  it('handles recursion, unions, maps, intEnum, mixins, apply and prelude shapes', () => {
    const doc = model({
      [`${NS}#Op`]: { type: 'operation', input: { target: `${NS}#In` }, output: { target: 'smithy.api#Unit' } },
      [`${NS}#Base`]: {
        type: 'structure',
        members: { id: { target: 'smithy.api#String', traits: { 'smithy.api#required': {} } } },
        traits: { 'smithy.api#mixin': {} },
      },
      [`${NS}#In`]: {
        type: 'structure',
        mixins: [{ target: `${NS}#Base` }],
        members: {
          node: { target: `${NS}#Node` },
          choice: { target: `${NS}#Choice` },
          tags: { target: `${NS}#Tags` },
          level: { target: `${NS}#Level` },
          n: { target: 'smithy.api#PrimitiveInteger' },
        },
      },
      [`${NS}#Node`]: {
        type: 'structure',
        members: { next: { target: `${NS}#Node` }, value: { target: 'smithy.api#Long' } },
      },
      [`${NS}#Choice`]: {
        type: 'union',
        members: { a: { target: 'smithy.api#String' }, b: { target: 'smithy.api#Integer' } },
      },
      [`${NS}#Tags`]: {
        type: 'map',
        key: { target: 'smithy.api#String' },
        value: { target: 'smithy.api#String' },
        traits: { 'smithy.api#length': { max: 3 } },
      },
      [`${NS}#Level`]: {
        type: 'intEnum',
        members: {
          LOW: { target: 'smithy.api#Unit', traits: { 'smithy.api#enumValue': 1 } },
          HIGH: { target: 'smithy.api#Unit', traits: { 'smithy.api#enumValue': 9 } },
        },
      },
      [`${NS}#In$node`]: { type: 'apply', traits: { 'smithy.api#documentation': 'applied doc' } },
    });
    const t = norm(doc).tools[0];
    const d = defs(t.input);
    expect(d.In.required).toEqual(['id']);
    expect((d.In.properties as Record<string, JsonSchema>).node).toMatchObject({
      $ref: '#/$defs/Node',
      description: 'applied doc',
    });
    expect((d.Node.properties as Record<string, JsonSchema>).next).toEqual({ $ref: '#/$defs/Node' });
    expect(d.Choice).toMatchObject({ 'x-union': true, minProperties: 1, maxProperties: 1 });
    expect(d.Tags).toMatchObject({ type: 'object', maxProperties: 3 });
    expect((d.In.properties as Record<string, JsonSchema>).level).toMatchObject({ type: 'integer', enum: [1, 9] });
    expect((d.In.properties as Record<string, JsonSchema>).n).toMatchObject({ default: 0 });
    expect(t.output).toMatchObject({ type: 'object', properties: {} });
    const v = createAjv().compile(t.input);
    expect(v({ id: 'x', node: { next: { value: 3 } }, choice: { a: 'z' } })).toBe(true);
    expect(v({ id: 'x', choice: { a: 'z', b: 1 } })).toBe(false);
  });

  it(
    'IDL 1.0: unboxed numbers get the zero default, boxed ' +
      'ones do not; sets are unique lists; enum trait is an enum',
    () => {
      const doc = model(
        {
          [`${NS}#Op`]: { type: 'operation', input: { target: `${NS}#In` } },
          [`${NS}#In`]: {
            type: 'structure',
            members: {
              a: { target: `${NS}#Count` },
              b: { target: `${NS}#BoxedCount` },
              s: { target: `${NS}#Set` },
              e: { target: `${NS}#Color` },
            },
          },
          [`${NS}#Count`]: { type: 'integer' },
          [`${NS}#BoxedCount`]: { type: 'integer', traits: { 'smithy.api#box': {} } },
          [`${NS}#Set`]: { type: 'set', member: { target: 'smithy.api#String' } },
          [`${NS}#Color`]: { type: 'string', traits: { 'smithy.api#enum': [{ value: 'red' }, { value: 'blue' }] } },
        },
        '1.0',
      );
      const p = defs(norm(doc).tools[0].input).In.properties as Record<string, JsonSchema>;
      expect(p.a.default).toBe(0);
      expect(p.b.default).toBeUndefined();
      expect(p.e).toMatchObject({ type: 'string', enum: ['blue', 'red'] });
      expect(defs(norm(doc).tools[0].input).Set).toMatchObject({ type: 'array', uniqueItems: true });
    },
  );

  it('never changes the parsed document: members are taken as they are only where nothing changes them later', () => {
    const op = { type: 'operation', input: { target: `${NS}#In` } };
    const members = () => ({
      a: { target: `${NS}#Count`, traits: { 'smithy.api#documentation': 'a' } },
      b: { target: `${NS}#Count`, traits: { 'smithy.api#box': {} } },
    });
    const cases = [
      // apply: the member's traits grow after the loop
      model({
        [`${NS}#Op`]: op,
        [`${NS}#In`]: { type: 'structure', members: members() },
        [`${NS}#Count`]: { type: 'integer' },
        [`${NS}#In$a`]: { type: 'apply', traits: { 'smithy.api#required': {} } },
      }),
      // IDL 1.0: members get zero defaults and lose box
      model(
        {
          [`${NS}#Op`]: op,
          [`${NS}#In`]: { type: 'structure', members: members() },
          [`${NS}#Count`]: { type: 'integer' },
        },
        '1.0',
      ),
      // mixins: the mixin's members are merged in
      model({
        [`${NS}#Op`]: op,
        [`${NS}#M`]: { type: 'structure', members: members(), traits: { 'smithy.api#mixin': {} } },
        [`${NS}#In`]: { type: 'structure', members: {}, mixins: [{ target: `${NS}#M` }] },
        [`${NS}#Count`]: { type: 'integer' },
      }),
      // self-contained, but an @enum trait moves into members (a self-contained shape's traits are taken as parsed)
      model({
        [`${NS}#Op`]: op,
        [`${NS}#In`]: { type: 'structure', members: { e: { target: `${NS}#E`, traits: {} } } },
        [`${NS}#E`]: {
          type: 'string',
          traits: { 'smithy.api#enum': [{ value: 'X' }], 'smithy.api#documentation': 'e' },
        },
      }),
    ];
    for (const doc of cases) {
      const before = structuredClone(doc);
      loadModelDoc(doc, 'm.json');
      expect(doc).toEqual(before);
    }
    expect(defs(norm(cases[0]).tools[0].input).In.required).toEqual(['a']);
    expect((defs(norm(cases[1]).tools[0].input).In.properties as Record<string, JsonSchema>).a.default).toBe(0);
    expect((defs(norm(cases[3]).tools[0].input).In.properties as Record<string, JsonSchema>).e.enum).toEqual(['X']);
    // Self-contained: a member without traits, or an enum member aimed elsewhere, loads as the general path does.
    const m = loadModelDoc(
      model({
        [`${NS}#Op`]: op,
        [`${NS}#In`]: { type: 'structure', members: { a: { target: `${NS}#Count` } } },
        [`${NS}#Count`]: { type: 'integer' },
        [`${NS}#E`]: { type: 'enum', members: { X: { target: `${NS}#Count`, traits: {} } } },
      }),
      'm.json',
    );
    expect(m.shapes.get(`${NS}#In`)!.members).toEqual({ a: { target: `${NS}#Count`, traits: {} } });
    expect(m.shapes.get(`${NS}#E`)!.members).toEqual({ X: { target: 'smithy.api#Unit', traits: {} } });
    const bad = model({
      [`${NS}#Op`]: op,
      [`${NS}#In`]: { type: 'structure', members: { a: { target: `${NS}#Count`, traits: 'x' } } },
      [`${NS}#Count`]: { type: 'integer' },
    });
    expect(() => loadModelDoc(bad, 'm.json')).toThrow(`m.json: $.shapes["${NS}#In"].members.a.traits: traits must be`);
  });

  it('detects the format from the content, not the name', () => {
    expect(detectFormat({ smithy: '2.0', shapes: {} }, 'x.txt')).toBe('smithy');
    expect(detectFormat({ metadata: {}, operations: {}, shapes: {} }, 'model.smithy.json')).toBe('aws-json');
    expect(() => detectFormat({ openapi: '3.0.0' }, 'f.json')).toThrow(/f\.json: \$: not a service model/);
  });

  it('resources bind operations', () => {
    const doc = {
      smithy: '2.0',
      shapes: {
        [`${NS}#Svc`]: { type: 'service', version: '1', resources: [{ target: `${NS}#Thing` }] },
        [`${NS}#Thing`]: { type: 'resource', read: { target: `${NS}#GetThing` }, operations: [{ target: `${NS}#Op` }] },
        [`${NS}#GetThing`]: { type: 'operation', traits: { 'smithy.api#readonly': {} } },
        [`${NS}#Op`]: { type: 'operation' },
      },
    };
    const tools = norm(doc).tools;
    expect(tools.map((t) => t.name)).toEqual(['GetThing', 'Op']);
    expect(tools[0].traits.readonly).toBe(true);
  });
});

describe('shared definitions across tools', () => {
  it('every tool document carries every definition it references, whatever order tools are built in', () => {
    const ns = 'ex.shared';
    const op = (n: string, input: string, output: string) => ({
      type: 'operation',
      input: { target: `${ns}#${input}` },
      output: { target: `${ns}#${output}` },
    });
    const doc = {
      smithy: '2.0',
      shapes: {
        [`${ns}#Svc`]: {
          type: 'service',
          version: '1',
          operations: ['A', 'B', 'C'].map((o) => ({ target: `${ns}#${o}` })),
          traits: { 'aws.protocols#awsJson1_1': {} },
        },
        [`${ns}#A`]: op('A', 'AIn', 'Wrapper'),
        [`${ns}#B`]: op('B', 'Record', 'BOut'),
        [`${ns}#C`]: op('C', 'CIn', 'Record'),
        [`${ns}#AIn`]: { type: 'structure', members: { r: { target: `${ns}#Record` } } },
        [`${ns}#BOut`]: { type: 'structure', members: { list: { target: `${ns}#Records` } } },
        [`${ns}#CIn`]: { type: 'structure', members: { tree: { target: `${ns}#Tree` } } },
        [`${ns}#Wrapper`]: {
          type: 'structure',
          members: { records: { target: `${ns}#Records` }, tree: { target: `${ns}#Tree` } },
        },
        [`${ns}#Records`]: { type: 'list', member: { target: `${ns}#Record` } },
        [`${ns}#Record`]: {
          type: 'structure',
          members: { tags: { target: `${ns}#Tags` }, tree: { target: `${ns}#Tree` } },
        },
        [`${ns}#Tags`]: { type: 'map', key: { target: 'smithy.api#String' }, value: { target: `${ns}#Tree` } },
        [`${ns}#Tree`]: { type: 'structure', members: { kids: { target: `${ns}#Trees` } } },
        [`${ns}#Trees`]: { type: 'list', member: { target: `${ns}#Tree` } },
      },
    };
    const ajv = createAjv();
    for (const t of norm(doc).tools) {
      for (const d of [t.input, t.output]) {
        const refs = new Set([...JSON.stringify(d).matchAll(/"#\/\$defs\/([^"]+)"/g)].map((m) => m[1]));
        for (const r of refs) expect(Object.keys(d.$defs as object), `${t.name} ${r}`).toContain(r);
        expect(() => ajv.compile(d)).not.toThrow();
      }
    }
  });
});

describe('names are identifiers (they become path segments)', () => {
  const smithy = (member: string) => ({
    smithy: '2.0',
    shapes: {
      'ex#Svc': { type: 'service', version: '1', operations: [{ target: 'ex#Op' }] },
      'ex#Op': { type: 'operation', input: { target: 'ex#In' } },
      'ex#In': { type: 'structure', members: { [member]: { target: 'smithy.api#String', traits: {} } } },
    },
  });
  const boto = (op: string, shape: string, member: string) => ({
    version: '2.0',
    metadata: { protocol: 'json', serviceId: 'Svc', apiVersion: '1', targetPrefix: 'Svc', jsonVersion: '1.1' },
    operations: { [op]: { name: op, input: { shape } } },
    shapes: { [shape]: { type: 'structure', members: { [member]: { shape: 'S' } } }, S: { type: 'string' } },
  });
  it('a member named `a.b` (it would be the path of b inside a) is refused, naming the JSON path', () => {
    expect(() => loadModelDoc(smithy('a.b'), 'm.json')).toThrow(
      'm.json: $.shapes["ex#In"].members["a.b"]: invalid member name "a.b" (not an identifier)',
    );
    expect(() => loadModelDoc(smithy('ok_1'), 'm.json')).not.toThrow();
    expect(() => loadModelDoc(boto('Op', 'In', 'x[0]'), 'b.json')).toThrow(
      'b.json: $.shapes.In.members["x[0]"]: invalid member name "x[0]" (not an identifier)',
    );
    expect(() => loadModelDoc(boto('Op.x', 'In', 'a'), 'b.json')).toThrow(
      'b.json: $.operations["Op.x"]: invalid operation name "Op.x" (not an identifier)',
    );
    expect(() => loadModelDoc(boto('Op', 'In#2', 'a'), 'b.json')).toThrow(
      'b.json: $.shapes["In#2"]: invalid shape name "In#2" (not an identifier)',
    );
    expect(() => loadModelDoc(boto('Op', 'In', 'a'), 'b.json')).not.toThrow();
  });
});
