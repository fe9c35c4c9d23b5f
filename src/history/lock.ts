import { closeSync, openSync, readFileSync, unlinkSync, writeSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../util/errors.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An exclusive lock file (O_EXCL) around a store write. A second writer is refused with a clear
 * message; a lock left by a dead process is taken over.
 */
export function withLock<T>(lockFile: string, fn: () => T): T {
  mkdirSync(dirname(lockFile), { recursive: true });
  let fd: number;
  try {
    fd = openSync(lockFile, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    if (pid && pid !== process.pid && alive(pid)) {
      throw new UsageError(`${lockFile}: the store is locked by another specwatch process (pid ${pid}); try again when it has finished`);
    }
    unlinkSync(lockFile);
    fd = openSync(lockFile, 'wx');
  }
  try {
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return fn();
  } finally {
    try { unlinkSync(lockFile); } catch { /* already gone */ }
  }
}
