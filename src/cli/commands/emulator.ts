import { resolve } from 'node:path';
import { currentSnapshot } from '../../history/store.js';
import { snapshotFromFile } from '../../snapshot/io.js';
import { UsageError } from '../../util/errors.js';
import { createEmulator, unservable } from '../../emulator/server.js';
import { defaultFixtures, loadFixtures } from '../../emulator/fixtures.js';
import { print } from '../output.js';

interface EmulatorCmdOptions {
  port: string;
  host: string;
  fixtures?: string;
  spec?: string;
  pack: string;
  root: string;
  credential?: string[];
  adminToken?: string;
}

export async function emulatorCmd(opts: EmulatorCmdOptions): Promise<number> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0..65535 (got ${opts.port})`);
  const snapshot = opts.spec ? snapshotFromFile(opts.spec, opts.pack) : currentSnapshot(resolve(opts.root), opts.pack);
  if (!snapshot) throw new UsageError(`no recorded snapshot for ${opts.pack} under ${opts.root}; pass --spec FILE`);
  const why = unservable(snapshot);
  if (why) throw new UsageError(why);
  const fixtures = opts.fixtures ? loadFixtures(opts.fixtures) : defaultFixtures();
  for (const c of opts.credential ?? []) {
    const m = /^([A-Za-z0-9]+):(.+)$/.exec(c);
    if (!m) throw new UsageError(`--credential must be ACCESS_KEY_ID:SECRET (got "${c.split(':')[0]}:…")`);
    fixtures.credentials = { ...(fixtures.credentials ?? {}), [m[1]]: m[2] };
  }
  const adminToken = opts.adminToken ?? process.env.SPECWATCH_EMULATOR_ADMIN_TOKEN ?? undefined;
  const emu = await createEmulator({ snapshot, fixtures, adminToken: adminToken || undefined });
  const url = await emu.listen(port, opts.host);
  print(`specwatch emulator: ${snapshot.service.name} (${snapshot.tools.length} tools) listening on ${url}\n`);
  print(
    `  admin: ${url}/_emulator/{health,records,requests,reset,faults,fixtures,public-key} ` +
      `(${adminToken ? 'token required' : 'unauthenticated: loopback test tool'})\n`,
  );
  const keys = Object.keys(fixtures.credentials ?? {});
  const signatures = keys.length ? `verified for ${keys.join(', ')}` : 'any well-formed SigV4 header is accepted';
  print(`  signatures: ${signatures}\n`);
  await new Promise<void>((res) => {
    const stop = () => {
      emu.close().then(() => res());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
