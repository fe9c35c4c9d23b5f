#!/usr/bin/env node
// Runs the compiled CLI: dist/ bundled with its dependencies into a few chunks (dist/bundle/). `npm ci` builds
// it (the package's `prepare` script, scripts/build.mjs); users, the nightly and the tests all run this code.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// A reader that goes away (`specwatch … | head`) ends the output, not the run: the command finishes (a watch
// still records) and exits with its own code, instead of crashing with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
    stream.write = (_chunk, enc, cb) => {
      (typeof enc === 'function' ? enc : cb)?.();
      return true;
    };
  });
}
const built = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bundle', 'main.mjs');
if (!existsSync(built)) {
  process.stderr.write('specwatch: not built: run `npm run build` (npm ci builds it)\n');
  process.exit(4);
}
// `specwatch --help`: the text commander printed at build time (scripts/build.mjs), without loading the CLI.
const helpCache = join(dirname(built), '..', 'help.txt');
const args = process.argv.slice(2);
if (
  args.length === 1 &&
  (args[0] === '--help' || args[0] === '-h') &&
  !process.env.SPECWATCH_NO_HELP_CACHE &&
  existsSync(helpCache)
) {
  process.stdout.write(readFileSync(helpCache, 'utf8'));
} else {
  await import(pathToFileURL(built).href);
}
