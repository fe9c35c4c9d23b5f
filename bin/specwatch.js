#!/usr/bin/env node
// Runs the compiled CLI when it is built and current; otherwise the TypeScript sources through tsx,
// so a fresh clone works right after `npm ci`.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'cli', 'main.js');
const source = join(root, 'src', 'cli', 'main.ts');
if (existsSync(built) && statSync(built).mtimeMs >= statSync(source).mtimeMs) {
  await import(pathToFileURL(built).href);
} else {
  const { tsImport } = await import('tsx/esm/api');
  await tsImport(pathToFileURL(source).href, import.meta.url);
}
