import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { UsageError } from '../util/errors.js';

/** Who holds a lock: enough to tell a live owner from a dead one, and a reused pid from the original. */
interface Owner {
  pid: number;
  start: string | null;
  host: string;
  token: string;
}

/** The kernel's start time of a process (clock ticks since boot), or null where /proc is not there. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Dead when its pid is gone or now names a process started at another time. Another host: assume alive. */
function ownerAlive(o: Owner): boolean {
  if (o.host !== hostname()) return true;
  if (!Number.isInteger(o.pid) || o.pid <= 0 || !processExists(o.pid)) return false;
  const start = o.start ? processStart(o.pid) : null;
  return start === null || start === o.start;
}

function parseOwner(text: string): Owner {
  try {
    const o = JSON.parse(text) as Partial<Owner>;
    if (o && typeof o.pid === 'number') {
      return { pid: o.pid, start: o.start ?? null, host: o.host ?? hostname(), token: o.token ?? '' };
    }
  } catch {
    /* an old plain-pid lock file */
  }
  return { pid: Number(text.trim()), start: null, host: hostname(), token: '' };
}

/**
 * Creates `file` holding `content`, atomically and only if it does not exist: the content is
 * written to a private temp file first and then hard-linked into place (link(2) fails with EEXIST),
 * so a lock file is never seen empty or half-written.
 */
function createExclusive(file: string, content: string): boolean {
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, content);
  try {
    linkSync(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      /* gone */
    }
  }
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Removes a lock whose owner is dead. Breakers take a second exclusive file first and re-check that
 * the lock still holds the same dead owner's text, so two breakers cannot both remove it and a
 * breaker never removes a lock a live process has just taken.
 */
function breakStale(lockFile: string, staleText: string, me: string): void {
  const breaker = `${lockFile}.break`;
  if (createExclusive(breaker, me)) {
    try {
      if (readText(lockFile) === staleText) unlinkSync(lockFile);
    } finally {
      try {
        unlinkSync(breaker);
      } catch {
        /* gone */
      }
    }
    return;
  }
  const holder = readText(breaker);
  // A breaker that died between its two steps: its file is removed by the next one to come.
  if (holder !== null && !ownerAlive(parseOwner(holder)) && readText(breaker) === holder) {
    try {
      unlinkSync(breaker);
    } catch {
      /* gone */
    }
  }
}

/** Locks this process holds: taking one again (a store write inside another) does not wait on itself. */
const held = new Set<string>();

/** How long a writer waits for another to finish (SPECWATCH_LOCK_WAIT_MS, default 60 s). */
function waitMs(): number {
  const v = Number(process.env.SPECWATCH_LOCK_WAIT_MS);
  return Number.isFinite(v) && v >= 0 ? v : 60_000;
}

/**
 * Mutual exclusion for store writes across processes: an exclusive lock file naming its owner
 * (pid, process start time, host). A second writer waits for the first (bounded), then is refused
 * with a clear message (exit 2); a lock whose owner is gone (or whose pid now names another
 * process) is taken over. Re-entrant within one process.
 */
export function withLock<T>(lockFile: string, fn: () => T): T {
  if (held.has(lockFile)) return fn();
  try {
    mkdirSync(dirname(lockFile), { recursive: true });
  } catch (e) {
    throw new UsageError(`${dirname(lockFile)}: cannot create the store folder (${(e as NodeJS.ErrnoException).code})`);
  }
  const token = randomBytes(8).toString('hex');
  const me = JSON.stringify({ pid: process.pid, start: processStart(process.pid), host: hostname(), token });
  const until = Date.now() + waitMs();
  let delay = 5;
  for (;;) {
    let created: boolean;
    try {
      created = createExclusive(lockFile, me);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(`${lockFile}: cannot write the store (${code}): check the folder's permissions`);
    }
    if (created) break;
    const text = readText(lockFile);
    if (text === null) continue;
    const owner = parseOwner(text);
    if (!ownerAlive(owner)) {
      breakStale(lockFile, text, me);
      continue;
    }
    if (Date.now() >= until) {
      throw new UsageError(
        `${lockFile}: the store is locked by another specwatch process (pid ${owner.pid}); ` +
          'try again when it has finished',
      );
    }
    sleepSync(delay);
    delay = Math.min(delay * 2, 100);
  }
  held.add(lockFile);
  try {
    return fn();
  } finally {
    held.delete(lockFile);
    // Release only our own lock: never one a breaker handed to someone else.
    if (parseOwner(readText(lockFile) ?? '{}').token === token) {
      try {
        unlinkSync(lockFile);
      } catch {
        /* gone */
      }
    }
  }
}
