import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, corpusFile, tmp } from '../helpers.js';

describe('scan never reports CLEAN for a pair it did not compare', () => {
  it('a model without a counterpart under --against is counted and listed as not compared', () => {
    const a = tmp();
    const b = tmp();
    for (const d of [a, b]) mkdirSync(join(d, 'm'));
    copyFileSync(corpusFile('smithy', '017'), join(a, 'm', 'one.json'));
    copyFileSync(corpusFile('smithy', '018'), join(a, 'm', 'two.json'));
    copyFileSync(corpusFile('smithy', '018'), join(b, 'm', 'one.json'));
    const r = cli(['scan', a, '--against', b, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ models: 2, compared: 1, notCompared: 1, failed: 0 });
    const two = j.rows.find((x: { file: string }) => x.file.endsWith('two.json'));
    expect(two).toMatchObject({ compared: false, notCompared: expect.stringMatching(/no counterpart/) });
    expect(two.line).not.toMatch(/CLEAN/);
    const text = cli(['scan', a, '--against', b]).stdout;
    expect(text).toMatch(/2 models, 1 pairs compared, 1 not compared/);
    expect(text).toMatch(/two\.json\s+not compared: no counterpart/);
  });

  it('--mutate on a model it cannot mutate (AWS JSON) says so', () => {
    const a = tmp();
    copyFileSync(corpusFile('botocore', '017'), join(a, 'boto.json'));
    const j = JSON.parse(cli(['scan', a, '--mutate', '--json']).stdout);
    expect(j).toMatchObject({ compared: 0, notCompared: 1 });
    expect(j.rows[0].line).toBe('not compared: --mutate handles Smithy models only');
  });
});
