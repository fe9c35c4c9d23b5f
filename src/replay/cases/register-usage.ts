import { importJWK, jwtVerify } from 'jose';
import type { ToolCases } from '../types.js';
import { limit } from '../schema-values.js';

const base = { ProductCode: 'prod-abc123', PublicKeyVersion: 1 };

/** RegisterUsage: the JWT must verify against the emulator's key and echo the nonce. Never sent live. */
export const registerUsageCases: ToolCases = {
  tool: 'RegisterUsage',
  command: 'RegisterUsageCommand',
  liveSkip: 'RegisterUsage meters when it succeeds: no read-only probe exists',
  cases: [
    {
      name: 'returns a signature that verifies and echoes the nonce',
      kind: 'happy',
      input: ({ runId }) => ({ ...base, Nonce: `nonce-${runId}` }),
      check: async (r, env) => {
        if (typeof r.Signature !== 'string') return 'no Signature';
        if (!env.emulatorUrl) return null;
        const { jwk } = (await (await fetch(`${env.emulatorUrl}/_emulator/public-key`)).json()) as {
          jwk: Record<string, unknown>;
        };
        const { payload } = await jwtVerify(r.Signature, await importJWK(jwk as never, 'RS256'));
        return payload.nonce === `nonce-${env.runId}` && payload.productCode === base.ProductCode
          ? null
          : `JWT claims ${JSON.stringify(payload)}`;
      },
    },
    {
      name: 'longest nonce',
      kind: 'boundary',
      accessKeyId: 'AKIDEMULATORFARGATE',
      input: ({ snapshot }) => ({
        ...base,
        Nonce: 'n'.repeat(limit(snapshot, 'RegisterUsage', 'Nonce', 'maxLength', 255)),
      }),
    },
    {
      name: 'unknown product code',
      kind: 'negative',
      expectError: 'InvalidProductCodeException',
      input: () => ({ ...base, ProductCode: 'prod-unknown' }),
    },
    {
      name: 'wrong region',
      kind: 'negative',
      expectError: 'InvalidRegionException',
      region: 'us-west-2',
      input: () => base,
    },
    {
      name: 'public key version 2',
      kind: 'negative',
      expectError: 'InvalidPublicKeyVersionException',
      input: () => ({ ...base, PublicKeyVersion: 2 }),
    },
    {
      name: 'called from EC2',
      kind: 'negative',
      expectError: 'PlatformNotSupportedException',
      accessKeyId: 'AKIDEMULATOREC2',
      input: () => base,
    },
    {
      name: 'caller not entitled',
      kind: 'negative',
      expectError: 'CustomerNotEntitledException',
      accessKeyId: 'AKIDNOTENTITLED',
      input: () => base,
    },
    {
      name: 'throttled',
      kind: 'negative',
      expectError: 'ThrottlingException',
      emulator: { faults: { RegisterUsage: { throttleRate: 1 } } },
      input: () => base,
    },
    {
      name: 'server fault',
      kind: 'negative',
      expectError: 'InternalServiceErrorException',
      emulator: { faults: { RegisterUsage: { errorRate: 1 } } },
      input: () => base,
    },
    {
      name: 'disabled API',
      kind: 'negative',
      expectError: 'DisabledApiException',
      emulator: { disabled: ['RegisterUsage'] },
      input: () => base,
    },
  ],
};
