import { spawn } from 'node:child_process';
import { MarketplaceMeteringClient, ResolveCustomerCommand } from '@aws-sdk/client-marketplace-metering';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { BIN, cli, FIX, ROOT } from '../helpers.js';

describe('specwatch emulator (CLI)', () => {
  it('serves the pack on an ephemeral loopback port and verifies signatures for --credential', async () => {
    const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--credential', 'AKIDCLI:cli-secret'], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (c) => reject(new Error(`exited ${c}`)));
      });
      expect(((await (await fetch(`${url}/_emulator/health`)).json()) as { tools: string[] }).tools).toEqual([
        'BatchMeterUsage',
        'MeterUsage',
        'RegisterUsage',
        'ResolveCustomer',
      ]);
      const mk = (secret: string) =>
        new MarketplaceMeteringClient({
          endpoint: url,
          region: 'us-east-1',
          maxAttempts: 1,
          credentials: { accessKeyId: 'AKIDCLI', secretAccessKey: secret },
        });
      expect(
        (await mk('cli-secret').send(new ResolveCustomerCommand({ RegistrationToken: 'reg-token-valid' }))).ProductCode,
      ).toBe('prod-saas456');
      const err = await mk('nope')
        .send(new ResolveCustomerCommand({ RegistrationToken: 'reg-token-legacy' }))
        .catch((e) => e);
      expect(err.name).toBe('InvalidSignatureException');
    } finally {
      child.kill('SIGTERM');
    }
  });
  it('refuses a model of another protocol (restJson1) with one line and exit 2, instead of serving it', () => {
    const r = cli(['emulator', '--spec', join(FIX, 'catalog', 'eks-auth-2023-11-26.json'), '--port', '0'], {
      timeout: 15_000,
    });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr.trim().split('\n')).toEqual([
      'specwatch: EKSAuthFrontend speaks restJson1; the emulator serves awsJson1_0/1_1 only',
    ]);
  });
});
