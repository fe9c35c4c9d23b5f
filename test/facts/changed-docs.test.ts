import { describe, expect, it } from 'vitest';
import { changedToolFacts } from '../../src/facts/tool.js';
import type { JsonSchema, Tool, ToolError } from '../../src/snapshot/types.js';

/**
 * changedToolFacts reads no definition when no `$defs` pair of the tool can hold a changed doc text; these are
 * the cases where that shortcut must step aside (or must not be fooled) and the full comparison decides.
 */
const err = (name: string, schema: JsonSchema): ToolError => ({
  name,
  fault: 'client',
  httpStatus: 400,
  documentation: '',
  schema,
});
const tool = (input: JsonSchema, errors: ToolError[] = []): Tool =>
  ({
    name: 'Op',
    documentation: 'Does things.',
    input,
    output: { type: 'object', properties: {} },
    errors,
  }) as unknown as Tool;
const limits = (n: number) => `You can send up to ${n} records per call.`;

describe('changed behavioural facts: the shortcut without definitions', () => {
  it('a definition whose docs change a fact is read, through a $defs every document of a side shares', () => {
    const defs = (n: number): Record<string, JsonSchema> => ({
      In: { type: 'object', properties: { Records: { $ref: '#/$defs/Recs' } } },
      Recs: { type: 'array', description: limits(n), items: { type: 'string' } },
    });
    const [da, db] = [defs(10), defs(25)];
    const a = tool({ $ref: '#/$defs/In', $defs: da });
    const b = tool({ $ref: '#/$defs/In', $defs: db });
    const facts = changedToolFacts(a, b);
    expect(facts.map((f) => f.path)).toEqual(['#Recs']);
  });

  it('an error name listed twice is compared as the full comparison does (last text of each path)', () => {
    // Both bodies named E: the first holds the member doc whose limit changes, the second does not.
    const first = (n: number): JsonSchema => ({
      type: 'object',
      properties: { Records: { type: 'string', description: limits(n) } },
    });
    const second: JsonSchema = { type: 'object', properties: {} };
    const a = tool({ type: 'object', properties: {} }, [err('E', first(10)), err('E', second)]);
    const b = tool({ type: 'object', properties: {} }, [err('E', first(25)), err('E', second)]);
    expect(changedToolFacts(a, b).map((f) => f.path)).toEqual(['Op.errors.E.Records']);
  });

  it('a $defs holding no doc text (a stub) hides nothing on either side', () => {
    const stub: JsonSchema = { $ref: '#/$defs/Recs', $defs: { Recs: {} } };
    const defs = (n: number): Record<string, JsonSchema> => ({
      Recs: { type: 'array', description: limits(n), items: { type: 'string' } },
    });
    const a = tool({ $ref: '#/$defs/Recs', $defs: defs(10) }, [err('E', stub)]);
    const b = tool({ $ref: '#/$defs/Recs', $defs: defs(25) }, [err('E', stub)]);
    expect(changedToolFacts(a, b).map((f) => f.path)).toEqual(['#Recs']);
  });

  it('inline docs of a root and the operation docs are compared without the definitions', () => {
    const root = (n: number): JsonSchema => ({
      type: 'object',
      properties: { Records: { type: 'string', description: limits(n) } },
    });
    const a = tool(root(10));
    const b = { ...tool(root(25)), documentation: 'Does things. You can call it 5 times per second.' } as Tool;
    expect(changedToolFacts(a, b).map((f) => f.path)).toEqual(['Op', 'Op.input.Records']);
  });

  it('a $defs entry that is not an object (a hostile stored snapshot) is passed over, as the full path does', () => {
    // The odd entries first: the check for a $defs without docs meets them before any documented body.
    const defs = (n: number): Record<string, JsonSchema> => ({
      Odd: null as unknown as JsonSchema,
      Text: 'not a schema' as unknown as JsonSchema,
      In: { type: 'object', properties: { Records: { $ref: '#/$defs/Recs' }, Odd: { $ref: '#/$defs/Odd' } } },
      Recs: { type: 'array', description: limits(n), items: { type: 'string' } },
    });
    const a = tool({ $ref: '#/$defs/In', $defs: defs(10) });
    const b = tool({ $ref: '#/$defs/In', $defs: defs(25) });
    expect(changedToolFacts(a, b).map((f) => f.path)).toEqual(['#Recs']);
  });
});
