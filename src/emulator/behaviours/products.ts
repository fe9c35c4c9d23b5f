import type { ProductFixture } from '../fixtures.js';
import { AwsError } from '../protocol.js';
import type { OpContext } from './context.js';

export function knownProduct(ctx: OpContext, code: string | undefined): ProductFixture {
  const p = code ? ctx.state.fixtures.products[code] : undefined;
  if (!p) throw new AwsError('InvalidProductCodeException', `The product code ${code ?? '(none)'} is not valid`);
  return p;
}

export function checkEntitled(ctx: OpContext, code: string, p: ProductFixture): void {
  const ok = p.entitledAccounts === '*' || (p.entitledAccounts ?? []).includes(ctx.caller.accountId);
  if (!ok)
    throw new AwsError(
      'CustomerNotEntitledException',
      `Account ${ctx.caller.accountId} is not entitled to product ${code}`,
    );
}
