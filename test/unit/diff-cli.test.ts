import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, corpusFile, tmp, vendoredSpec } from '../helpers.js';

/** Raw control characters a terminal would act on (the tab and line feed are layout). */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

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
  it('upstream values carrying escape sequences are printed escaped, never run; such a name is refused', () => {
    const NS = 'com.amazonaws.marketplacemetering';
    const model = (edit: (doc: { shapes: Record<string, Record<string, any>> }) => void) => {
      const doc = JSON.parse(readFileSync(vendoredSpec(), 'utf8'));
      edit(doc);
      const f = join(tmp(), 'evil.json');
      writeFileSync(f, JSON.stringify(doc));
      return f;
    };
    const evilValue = model((d) => {
      d.shapes[`${NS}#UsageRecordResultStatus`].members.EVIL = {
        target: 'smithy.api#Unit',
        traits: { 'smithy.api#enumValue': 'x\u001b]0;pwned\u0007\ry', 'smithy.api#documentation': 'a\u009b31mb' },
      };
    });
    for (const args of [[], ['--markdown']]) {
      const r = cli(['diff', vendoredSpec(), evilValue, ...args]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).not.toMatch(RAW_CONTROL);
      expect(r.stdout).toMatch(/enum value "x\\+u001b\\?]0;pwned\\+u0007\\+ry" added/);
    }
    // A member name is an identifier: one carrying ESC/CSI (or `.`, which would merge two paths) is bad input.
    const evilName = model((d) => {
      d.shapes[`${NS}#MeterUsageRequest`].members['Evil\u001b[2J\u009b31m'] = { target: 'smithy.api#String' };
    });
    const r = cli(['diff', vendoredSpec(), evilName]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stderr).toContain('invalid member name "Evil\\u001b[2J\\u009b31m" (not an identifier)');
  });
});
