import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
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

  it('a file that is not JSON, or not a model, is one failed row; the scan goes on (exit 2, no internal error)', () => {
    const a = tmp();
    copyFileSync(corpusFile('smithy', '017'), join(a, 'good.json'));
    writeFileSync(join(a, 'broken.json'), '{bad');
    writeFileSync(join(a, 'package.json'), '{"name": "x"}');
    const r = cli(['scan', a, '--mutate', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/internal error/);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ models: 3, compared: 1, failed: 2 });
    const row = (f: string) => j.rows.find((x: { file: string }) => x.file === f);
    expect(row('broken.json').error).toMatch(/broken\.json: \$: invalid JSON/);
    expect(row('package.json').error).toMatch(/not a service model/);
    expect(row('good.json').compared).toBe(true);
    const none = cli(['scan', a, '--against', join(a, 'nope')]);
    expect([none.code, none.stderr.trim()]).toEqual([
      2,
      `specwatch: --against ${join(a, 'nope')}: not a folder of models`,
    ]);
  });
});
