import {
  mkdirSync,
  renameSync,
  writeFileSync,
  openSync,
  fsyncSync,
  closeSync,
  appendFileSync,
  existsSync,
  readFileSync,
} from 'node:fs';
import { dirname, basename, join } from 'node:path';

/** Test hook: lets a test simulate a crash between the temp write and the rename. */
export const crashHooks: { beforeRename?: (target: string) => void } = {};

/** Write via temp file + fsync + rename so readers never see a partial file. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    writeFileSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  crashHooks.beforeRename?.(path);
  renameSync(tmp, path);
}

/**
 * Append one line to an append-only log. The whole line goes out in a single write(2), so a
 * crash leaves either no line or the whole line; readers also skip a torn last line.
 */
export function appendLine(path: string, line: string): void {
  mkdirSync(dirname(path), { recursive: true });
  if (line.includes('\n')) throw new Error('appendLine: line must not contain a newline');
  // Repair a torn tail (no trailing newline) so the new line starts on its own line.
  if (existsSync(path)) {
    const buf = readFileSync(path);
    if (buf.length > 0 && buf[buf.length - 1] !== 0x0a) appendFileSync(path, '\n');
  }
  const fd = openSync(path, 'a');
  try {
    writeFileSync(fd, line + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
