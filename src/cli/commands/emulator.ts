import { resolve } from 'node:path';
import { currentSnapshot } from '../../history/store.js';
import { snapshotFromFile } from '../../snapshot/io.js';
import { UsageError } from '../../util/errors.js';
import { createEmulator } from '../../emulator/server.js';
import { loadFixtures } from '../../emulator/fixtures.js';

export async function emulatorCmd(opts: { port: string; host: string; fixtures?: string; spec?: string; pack: string; root: string }): Promise<number> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0..65535 (got ${opts.port})`);
  const snapshot = opts.spec ? snapshotFromFile(opts.spec, opts.pack) : currentSnapshot(resolve(opts.root), opts.pack);
  if (!snapshot) throw new UsageError(`no recorded snapshot for ${opts.pack} under ${opts.root}; pass --spec FILE`);
  const fixtures = opts.fixtures ? loadFixtures(opts.fixtures) : undefined;
  const emu = await createEmulator({ snapshot, fixtures });
  const url = await emu.listen(port, opts.host);
  process.stdout.write(`specwatch emulator: ${snapshot.service.name} (${snapshot.tools.length} tools) listening on ${url}\n`);
  process.stdout.write(`  admin: ${url}/_emulator/{health,records,requests,reset,faults,fixtures,public-key}\n`);
  await new Promise<void>((res) => {
    const stop = () => { emu.close().then(() => res()); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
