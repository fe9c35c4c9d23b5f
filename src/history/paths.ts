import { join } from 'node:path';

export interface StorePaths {
  root: string;
  specsDir: string;
  snapshotsDir: string;
  historyFile: string;
  lockFile: string;
  verdictFile: string;
  acceptedFile: string;
  replaysDir: string;
}

export function storePaths(root: string, pack: string): StorePaths {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(pack)) throw new Error(`invalid pack id "${pack}"`);
  const snapshotsDir = join(root, 'snapshots', pack);
  return {
    root,
    specsDir: join(root, 'specs', pack),
    snapshotsDir,
    historyFile: join(snapshotsDir, 'history.jsonl'),
    lockFile: join(snapshotsDir, '.lock'),
    verdictFile: join(snapshotsDir, 'verdict.json'),
    acceptedFile: join(snapshotsDir, 'accepted.json'),
    replaysDir: join(root, 'replays', pack),
  };
}
