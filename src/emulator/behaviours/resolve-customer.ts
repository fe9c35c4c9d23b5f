import { AwsError } from '../protocol.js';
import type { OpContext } from './context.js';

/**
 * ResolveCustomer, per the API reference
 * (docs.aws.amazon.com/marketplace/latest/APIReference/API_marketplace-metering_ResolveCustomer.html): a
 * registration token resolves once to CustomerAWSAccountId, ProductCode and LicenseArn; CustomerIdentifier only
 * for legacy integrations (AWS: "not populated for new SaaS product integrations", 2026-07).
 */
export function resolveCustomer(ctx: OpContext): Record<string, unknown> {
  const token = String(ctx.body.RegistrationToken);
  const t = ctx.state.fixtures.tokens[token];
  if (!t) throw new AwsError('InvalidTokenException', 'The registration token is invalid');
  if (t.redeemed || ctx.state.redeemedTokens.has(token) || (t.expiresAt && new Date(t.expiresAt) < ctx.now)) {
    throw new AwsError('ExpiredTokenException', 'The registration token has expired or was already redeemed');
  }
  ctx.state.redeemedTokens.add(token);
  const out: Record<string, unknown> = { CustomerAWSAccountId: t.customerAWSAccountId, ProductCode: t.productCode };
  if (t.licenseArn) out.LicenseArn = t.licenseArn;
  if (t.legacy && t.customerIdentifier) out.CustomerIdentifier = t.customerIdentifier;
  return out;
}
