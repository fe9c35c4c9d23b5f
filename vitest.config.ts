import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Most test time is waiting on child processes and sockets: four files at a time on a 2-core machine,
    // sharing one module cache per worker (tests keep no state in modules: every test builds its own
    // store, servers and clients).
    maxWorkers: 4,
    isolate: false,
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1', SPECWATCH_QUIET: '1' },
    // The JSON report is what .ci/run reads for its closing "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
