// A process that enters the store lock `rounds` times and logs enter/exit lines; with `crash`, it
// dies (SIGKILL) inside its first critical section and leaves a stale lock behind.
import { appendFileSync } from 'node:fs';
import { withLock } from '../../src/history/lock.js';

const [lockFile, logFile, rounds, mode] = process.argv.slice(2);
const spin = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
for (let i = 0; i < Number(rounds); i++) {
  withLock(lockFile, () => {
    appendFileSync(logFile, `enter ${process.pid}\n`);
    if (mode === 'crash') process.kill(process.pid, 'SIGKILL');
    spin(2);
    appendFileSync(logFile, `exit ${process.pid}\n`);
  });
}
