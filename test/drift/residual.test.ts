import { describe, expect, it } from 'vitest';
import { diffSnapshots, summaryLine } from '../../src/drift/engine.js';
import { refingerprint } from '../../src/snapshot/io.js';
import { member, miniModel, snapOf, struct } from './mini.js';

describe('residual', () => {
  it('a change no rule explains is UNCLASSIFIED and counted in the residual', () => {
    const a = snapOf(miniModel({ In: struct({ a: member('smithy.api#String'), b: member('smithy.api#String') }) }));
    const b = structuredClone(a);
    // An unknown keyword (e.g. from a newer snapshot format) on one member, plus one explained change.
    const inDef = (b.tools[0].input.$defs as Record<string, Record<string, Record<string, Record<string, unknown>>>>)
      .In;
    inDef.properties.a['x-mystery'] = 1;
    inDef.properties.b.maxLength = 3;
    const d = diffSnapshots(a, refingerprint(b));
    expect(d.tools[0].changes.map((c) => [c.rule, c.class])).toEqual([
      ['unclassified', 'UNCLASSIFIED'],
      ['input.constraint.tightened', 'BREAKING'],
    ]);
    expect(d.tools[0].changes[0]).toMatchObject({
      path: 'Op.input.a',
      message: 'input x-mystery changed: undefined → 1 (no rule explains it)',
    });
    expect(d.summary.residual).toBe(0.5);
    expect(d.summary.line).toBe('1 tools BREAKING:1 residual 50%');
  });

  it('no change: residual 0 and every tool CLEAN', () => {
    const s = snapOf(miniModel({}));
    expect(diffSnapshots(s, s).summary).toEqual({
      tools: 1,
      counts: { CLEAN: 1 },
      residual: 0,
      unseen: 0,
      line: '1 tools CLEAN:1 residual 0%',
    });
  });

  it('change fingerprints are stable across runs', () => {
    const a = snapOf(miniModel({ In: struct({ a: member('smithy.api#String') }) }));
    const b = snapOf(miniModel({ In: struct({}) }));
    expect(diffSnapshots(a, b).tools[0].changes[0].fingerprint).toBe(
      diffSnapshots(a, b).tools[0].changes[0].fingerprint,
    );
    expect(diffSnapshots(a, b).tools[0].changes[0].fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('the summary line of a model without operations has no empty class list', () => {
    expect(summaryLine(0, {}, 0)).toBe('0 tools residual 0%');
    expect(summaryLine(2, { CLEAN: 1, BREAKING: 1 }, 0, 'DOC')).toBe(
      '2 tools CLEAN:1 BREAKING:1 service:DOC residual 0%',
    );
  });
});
