import { AwsError } from '../protocol.js';
import type { OpContext } from './context.js';
import { checkEntitled, knownProduct } from './products.js';

const SUPPORTED = new Set(['ECS', 'EKS', 'Fargate']);

/**
 * RegisterUsage, per docs.aws.amazon.com/marketplace/latest/APIReference/API_marketplace-metering_RegisterUsage.html:
 * called once at container launch; entitlement and platform are checked on the first call per task only;
 * returns a JWT signed by AWS Marketplace (here: the emulator's key, served at /_emulator/public-key).
 */
export async function registerUsage(ctx: OpContext): Promise<Record<string, unknown>> {
  const b = ctx.body as { ProductCode: string; PublicKeyVersion: number; Nonce?: string };
  if (ctx.region !== ctx.caller.region) {
    throw new AwsError(
      'InvalidRegionException',
      `RegisterUsage must be called in the region the task runs in (${ctx.caller.region}), not ${ctx.region}`,
    );
  }
  const expired = ctx.state.fixtures.expiredPublicKeyVersions.includes(b.PublicKeyVersion);
  if (b.PublicKeyVersion !== 1 && !expired) {
    throw new AwsError(
      'InvalidPublicKeyVersionException',
      `Public key version ${b.PublicKeyVersion} is not valid; use 1`,
    );
  }
  const product = knownProduct(ctx, b.ProductCode);
  const task = ctx.caller.taskId ?? `${ctx.caller.accessKeyId}`;
  const taskKey = `${task}|${b.ProductCode}`;
  if (!ctx.state.registeredTasks.has(taskKey)) {
    if (!SUPPORTED.has(ctx.caller.platform))
      throw new AwsError(
        'PlatformNotSupportedException',
        `Platform ${ctx.caller.platform} is not supported; RegisterUsage runs on Amazon ECS, Amazon EKS and AWS ` +
          `Fargate`,
      );
    checkEntitled(ctx, b.ProductCode, product);
    ctx.state.registeredTasks.add(taskKey);
  }
  const Signature = await ctx.signer.sign({
    productCode: b.ProductCode,
    publicKeyVersion: b.PublicKeyVersion,
    nonce: b.Nonce ?? null,
    timestamp: ctx.now.toISOString(),
  });
  // PublicKeyRotationTimestamp: "(Optional) Only included when public key version has expired".
  if (!expired) return { Signature };
  return { Signature, PublicKeyRotationTimestamp: Date.parse(ctx.state.fixtures.publicKeyRotationTimestamp) / 1000 };
}
