#!/usr/bin/env node
// Runs the compiled CLI. `npm ci` builds dist/ (the package's `prepare` script); users, the nightly and the
// tests all run this same compiled code.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const built = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli', 'main.js');
if (!existsSync(built)) {
  process.stderr.write('specwatch: not built: run `npm run build` (npm ci builds it)\n');
  process.exit(4);
}
await import(pathToFileURL(built).href);
