import { describe, expect, it } from 'vitest';
import { cli, corpusFile, vendoredSpec } from '../helpers.js';

describe('specwatch diff', () => {
  const old = corpusFile('botocore', '013');
  const neu = corpusFile('botocore', '014');
  it('--json prints the contract', () => {
    const r = cli(['diff', old, neu, '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(Object.keys(d)).toEqual(['service', 'tools', 'summary', 'unseen']);
    expect(d.summary).toEqual({
      tools: 4,
      counts: { RISKY: 2, BREAKING: 2 },
      residual: 0,
      unseen: 0,
      line: '4 tools RISKY:2 BREAKING:2 service:DOC residual 0%',
    });
    expect(d.unseen).toEqual([]);
    const bmu = d.tools.find((t: { name: string }) => t.name === 'BatchMeterUsage');
    expect(bmu).toMatchObject({ status: 'present', class: 'BREAKING' });
    const plain = bmu.changes.find((c: { rule: string }) => c.rule !== 'tool.doc.behaviour-changed');
    expect(Object.keys(plain).sort()).toEqual(['class', 'direction', 'fingerprint', 'message', 'path', 'rule']);
    // A behavioural doc change also carries its facts, before and after.
    const behaviour = bmu.changes.find((c: { rule: string }) => c.rule === 'tool.doc.behaviour-changed');
    expect(Object.keys(behaviour).sort()).toEqual([
      'class',
      'direction',
      'facts',
      'fingerprint',
      'message',
      'path',
      'rule',
    ]);
    expect(Object.keys(behaviour.facts[0]).sort()).toEqual([
      'after',
      'before',
      'kind',
      'path',
      'quoteAfter',
      'quoteBefore',
    ]);
    expect(bmu.changes.map((c: { rule: string }) => c.rule)).toContain('input.member.required-removed');
  });
  it('--fail-on sets exit 1 at or above the class', () => {
    expect(cli(['diff', old, neu, '--fail-on', 'BREAKING']).code).toBe(1);
    expect(cli(['diff', vendoredSpec(), corpusFile('botocore', '017'), '--fail-on', 'DOC']).code).toBe(0);
  });
  it('--markdown has a table per tool and a json-diff excerpt', () => {
    const r = cli(['diff', old, neu, '--markdown']);
    expect(r.stdout).toMatch(/^\*\*4 tools RISKY:2 BREAKING:2 service:DOC residual 0%\*\*/);
    expect(r.stdout).toMatch(/### BatchMeterUsage — BREAKING\n\n\| class \| path \| change \| rule \|/);
    expect(r.stdout).toMatch(/```diff\n[\s\S]*CustomerAWSAccountId/);
  });
  it('text output has no colour when not a TTY', () => {
    const r = cli(['diff', old, neu], { env: { NO_COLOR: '' } });
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stdout.trim().split('\n').pop()).toBe('4 tools RISKY:2 BREAKING:2 service:DOC residual 0%');
  });
});
