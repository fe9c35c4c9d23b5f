import { describe, expect, it } from 'vitest';
import { MIRROR_WAIVERS, RULES } from '../../src/drift/rules/registry.js';

describe('rule registry', () => {
  it('ids are unique and kebab-case dotted', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(unclassified|(input|output|tool|service)\.[a-z-]+\.[a-z-]+)$/);
  });

  it('every input rule has its output mirror (or a written waiver), and vice versa', () => {
    const ids = new Set(RULES.map((r) => r.id));
    const missing: string[] = [];
    for (const r of RULES) {
      if (r.direction !== 'input' && r.direction !== 'output') continue;
      const other = r.direction === 'input' ? r.id.replace(/^input\./, 'output.') : r.id.replace(/^output\./, 'input.');
      if (!ids.has(other) && !MIRROR_WAIVERS[r.id]) missing.push(r.id);
    }
    expect(missing).toEqual([]);
  });

  it('direction matters: tightening breaks requests, loosening breaks responses', () => {
    const cls = (id: string) => RULES.find((r) => r.id === id)!.class;
    expect([cls('input.constraint.tightened'), cls('output.constraint.tightened')]).toEqual(['BREAKING', 'ADDITIVE']);
    expect([cls('input.constraint.loosened'), cls('output.constraint.loosened')]).toEqual(['ADDITIVE', 'BREAKING']);
    expect([cls('input.member.required-removed'), cls('output.member.required-removed')]).toEqual([
      'ADDITIVE',
      'BREAKING',
    ]);
  });
});
