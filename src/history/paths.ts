import { UsageError } from '../util/errors.js';
import { join } from 'node:path';

export interface StorePaths {
  root: string;
  specsDir: string;
  snapshotsDir: string;
  historyFile: string;
  lockFile: string;
  /** The last check's outcome and each source's validators (see store.ts). */
  checkFile: string;
  verdictFile: string;
  acceptedFile: string;
  replaysDir: string;
}

export function storePaths(root: string, pack: string): StorePaths {
  if (!/^[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*$/i.test(pack) || pack.length > 100) {
    throw new UsageError(`invalid pack id "${pack}": letters, digits, ".", "_" and "-" only, not a path`);
  }
  const snapshotsDir = join(root, 'snapshots', pack);
  return {
    root,
    specsDir: join(root, 'specs', pack),
    snapshotsDir,
    historyFile: join(snapshotsDir, 'history.jsonl'),
    lockFile: join(snapshotsDir, '.lock'),
    checkFile: join(snapshotsDir, 'check.json'),
    verdictFile: join(snapshotsDir, 'verdict.json'),
    acceptedFile: join(snapshotsDir, 'accepted.json'),
    replaysDir: join(root, 'replays', pack),
  };
}
