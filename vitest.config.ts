import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Longest files first (longest-processing-time scheduling): on a clean CI runner there are no timings from a
 * previous run, and a long file that starts last sets the wall time. The list names the files that spawn
 * many processes or clients; everything else keeps vitest's own order.
 */
const SLOW = [
  'github/day-two',
  'reliability/hostile-input',
  'clients/independent-clients',
  'facts/stale-anchors',
  'pack/mcp',
  'unit/cli-errors',
  'watch/many-packs',
  'drift/models-fast-path',
  'fetch/refresh-cli',
  'reliability/concurrency',
  'watch/shards',
  'reliability/faults',
  'unit/diff-cli',
  'github/issues',
];
class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = SLOW.findIndex((s) => f.moduleId.endsWith(`test/${s}.test.ts`));
      return i < 0 ? SLOW.length : i;
    };
    const base = await super.sort(files);
    return [...base].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Most test time is waiting on child processes and sockets: four files at a time on a 2-core machine,
    // sharing one module cache per worker (tests keep no state in modules: every test builds its own
    // store, servers and clients).
    maxWorkers: 4,
    isolate: false,
    sequence: { sequencer: SlowFirst },
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1', SPECWATCH_QUIET: '1' },
    // The JSON report is what .ci/run reads for its closing "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
