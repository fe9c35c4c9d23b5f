import type { NodeRuleFamily } from '../types.js';
import { mirror } from './helpers.js';

/**
 * @idempotencyToken: SDKs fill a token in when the caller does not, so adding one is safe; removing
 * it makes retries unsafe. The trait means nothing on a response (output mirror is DOC).
 */
export const idempotency: NodeRuleFamily = {
  name: 'idempotency',
  keywords: ['x-idempotencyToken'],
  rules: [
    ...mirror('idempotency-token', 'added', 'ADDITIVE', 'DOC', 'a member became an idempotency token'),
    ...mirror('idempotency-token', 'removed', 'RISKY', 'DOC', 'a member is no longer an idempotency token'),
  ],
  detect(ctx) {
    if (!ctx.diffKeys.has('x-idempotencyToken')) return;
    ctx.explain('x-idempotencyToken');
    const added = ctx.new['x-idempotencyToken'] === true;
    ctx.emit(
      `${ctx.dir}.idempotency-token.${added ? 'added' : 'removed'}`,
      added ? 'now an idempotency token (SDKs auto-fill it)' : 'no longer an idempotency token',
    );
  },
};
