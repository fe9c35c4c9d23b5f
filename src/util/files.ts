import { InputError } from './errors.js';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Why a local file cannot be read as a model: the message names the file. */
export class FileReadError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'FileReadError';
  }
}

/**
 * Reads a regular file of at most `maxBytes`. Named pipes, sockets and devices (`/dev/zero`) are
 * refused without blocking: the file is opened non-blocking and checked with fstat before any read,
 * and reading stops one byte past the cap.
 */
export function readRegularFile(file: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new FileReadError(file, code === 'ENOENT' ? 'file not found' : `cannot read (${code})`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new FileReadError(file, 'is a directory, expected a JSON file');
    if (!st.isFile()) throw new FileReadError(file, 'not a regular file (a pipe, socket or device): refused');
    if (st.size > maxBytes) throw new FileReadError(file, `file is ${st.size} bytes, over the ${maxBytes}-byte cap`);
    const buf = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let size = 0;
    for (;;) {
      if (size === buf.length) {
        const why = buf.length > maxBytes ? `file exceeds the ${maxBytes}-byte cap` : 'file changed while read';
        throw new FileReadError(file, why);
      }
      const n = readSync(fd, buf, size, buf.length - size, null);
      if (n === 0) break;
      size += n;
    }
    return buf.subarray(0, size);
  } finally {
    closeSync(fd);
  }
}

/** The default cap for local model files when no config says otherwise (GitHub refuses > 100 MB). */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** A model file named by the user: any read problem is bad input (one line, exit 2). */
export function readModelFile(file: string, maxBytes = DEFAULT_MAX_BYTES): Buffer {
  try {
    return readRegularFile(file, maxBytes);
  } catch (e) {
    if (e instanceof FileReadError) throw new InputError(file, '$', e.reason);
    throw e;
  }
}
