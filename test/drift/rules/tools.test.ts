import { describe, expect, it } from 'vitest';
import { loadModelDoc } from '../../../src/model/load.js';
import { normalize } from '../../../src/snapshot/normalize.js';
import { diffSnapshots } from '../../../src/drift/engine.js';
import { miniModel, NS, struct } from '../mini.js';

describe('tools family', () => {
  it('tool added (ADDITIVE) and removed (BREAKING), with status', () => {
    const a = miniModel({ In: struct({}), Out: struct({}) });
    const b = structuredClone(a) as { shapes: Record<string, Record<string, unknown>> };
    b.shapes[`${NS}#Svc`].operations = [{ target: `${NS}#Other` }];
    b.shapes[`${NS}#Other`] = { type: 'operation' };
    const s = (d: unknown) => normalize(loadModelDoc(d, 'm.json'), { pack: 'p', bytes: '', location: 'm.json' });
    const d = diffSnapshots(s(a), s(b));
    expect(d.tools.map((t) => [t.name, t.status, t.class, t.changes[0].rule])).toEqual([
      ['Op', 'removed', 'BREAKING', 'tool.tool.removed'],
      ['Other', 'added', 'ADDITIVE', 'tool.tool.added'],
    ]);
    expect(d.summary.line).toBe('2 tools ADDITIVE:1 BREAKING:1 residual 0%');
  });
});
