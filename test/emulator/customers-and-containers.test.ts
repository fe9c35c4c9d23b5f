import {
  CustomerNotEntitledException,
  ExpiredTokenException,
  InvalidPublicKeyVersionException,
  InvalidRegionException,
  InvalidTokenException,
  PlatformNotSupportedException,
  RegisterUsageCommand,
  ResolveCustomerCommand,
} from '@aws-sdk/client-marketplace-metering';
import { importJWK, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LICENSE_ARN } from '../../src/emulator/fixtures.js';
import type { Emulator } from '../../src/emulator/server.js';
import { client, startEmulator } from './setup.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.state.reset());

const resolve = (token: string) => client(emu).send(new ResolveCustomerCommand({ RegistrationToken: token }));
const register = (input: Record<string, unknown> = {}, opts?: Parameters<typeof client>[1]) =>
  client(emu, opts).send(
    new RegisterUsageCommand({ ProductCode: 'prod-abc123', PublicKeyVersion: 1, Nonce: 'nonce-42', ...input } as never),
  );

describe('ResolveCustomer', () => {
  it('resolves a token to account, product and license, without CustomerIdentifier for new integrations', async () => {
    const r = await resolve('reg-token-valid');
    expect(r).toMatchObject({
      CustomerAWSAccountId: '777788889999',
      ProductCode: 'prod-saas456',
      LicenseArn: LICENSE_ARN,
    });
    expect(r.CustomerIdentifier).toBeUndefined();
  });
  it('legacy integrations still get CustomerIdentifier', async () => {
    expect((await resolve('reg-token-legacy')).CustomerIdentifier).toBe('cust-legacy-1');
  });
  it('unknown → InvalidTokenException; expired or already redeemed → ExpiredTokenException', async () => {
    expect(await resolve('nope').catch((e) => e)).toBeInstanceOf(InvalidTokenException);
    expect(await resolve('reg-token-expired').catch((e) => e)).toBeInstanceOf(ExpiredTokenException);
    expect(await resolve('reg-token-redeemed').catch((e) => e)).toBeInstanceOf(ExpiredTokenException);
    await resolve('reg-token-valid');
    expect(await resolve('reg-token-valid').catch((e) => e)).toBeInstanceOf(ExpiredTokenException);
  });
});

describe('RegisterUsage', () => {
  it('returns a real JWT that verifies against the public key route and echoes the nonce', async () => {
    const r = await register();
    // "(Optional) Only included when public key version has expired": version 1 is current.
    expect(r.PublicKeyRotationTimestamp).toBeUndefined();
    const { jwk } = (await (await fetch(`${emu.url}/_emulator/public-key`)).json()) as { jwk: Record<string, unknown> };
    const { payload } = await jwtVerify(r.Signature!, await importJWK(jwk as never, 'RS256'));
    expect(payload).toMatchObject({ productCode: 'prod-abc123', nonce: 'nonce-42', publicKeyVersion: 1 });
    expect(typeof payload.timestamp).toBe('string');
  });
  it.each([
    ['EC2 is not a supported platform', {}, { accessKeyId: 'AKIDEMULATOREC2' }, PlatformNotSupportedException],
    ['wrong region', {}, { region: 'us-west-2' }, InvalidRegionException],
    ['public key version 2', { PublicKeyVersion: 2 }, {}, InvalidPublicKeyVersionException],
    ['not entitled', {}, { accessKeyId: 'AKIDNOTENTITLED' }, CustomerNotEntitledException],
  ])('%s', async (_n, input, opts, cls) => {
    expect(await register(input, opts as Parameters<typeof client>[1]).catch((e) => e)).toBeInstanceOf(cls);
  });
  it('an expired public key version still signs, and only then carries PublicKeyRotationTimestamp', async () => {
    emu.state.fixtures.expiredPublicKeyVersions = [2];
    try {
      const r = await register({ PublicKeyVersion: 2 });
      expect(r.PublicKeyRotationTimestamp).toEqual(new Date(emu.state.fixtures.publicKeyRotationTimestamp));
    } finally {
      emu.state.fixtures.expiredPublicKeyVersions = [];
    }
  });
  it('Fargate and EKS callers are supported', async () => {
    expect((await register({}, { accessKeyId: 'AKIDEMULATORFARGATE' })).Signature).toBeTruthy();
    expect((await register({}, { accessKeyId: 'AKIDEMULATOREUWEST', region: 'eu-west-1' })).Signature).toBeTruthy();
  });
  it('entitlement is checked on the first call per task only', async () => {
    await register();
    const products = emu.state.fixtures.products;
    emu.state.fixtures.products = { ...products, 'prod-abc123': { ...products['prod-abc123'], entitledAccounts: [] } };
    try {
      expect((await register()).Signature).toBeTruthy(); // same task: not re-checked
      expect(await register({}, { accessKeyId: 'AKIDEMULATORFARGATE' }).catch((e) => e)).toBeInstanceOf(
        CustomerNotEntitledException,
      );
    } finally {
      emu.state.fixtures.products = products;
    }
  });
});
