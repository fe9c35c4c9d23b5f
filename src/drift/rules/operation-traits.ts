import { canonicalCompact } from '../../util/canonical.js';
import type { ToolRuleFamily } from '../types.js';
import { one } from './helpers.js';

/** Operation traits: idempotent/readonly (retry safety), paginated (paginators), deprecated. */
export const operationTraits: ToolRuleFamily = {
  name: 'operation-traits',
  rules: [
    one('tool', 'idempotent', 'added', 'ADDITIVE', 'the operation became idempotent'),
    one('tool', 'idempotent', 'removed', 'RISKY', 'the operation is no longer idempotent (retries unsafe)'),
    one('tool', 'readonly', 'added', 'ADDITIVE', 'the operation became read-only'),
    one('tool', 'readonly', 'removed', 'RISKY', 'the operation is no longer read-only'),
    one('tool', 'paginated', 'added', 'ADDITIVE', 'the operation became paginated'),
    one('tool', 'paginated', 'removed', 'BREAKING', 'pagination was removed'),
    one('tool', 'paginated', 'changed', 'BREAKING', 'pagination tokens or items changed'),
    one('tool', 'deprecated', 'added', 'DOC', 'the operation was deprecated'),
    one('tool', 'deprecated', 'removed', 'DOC', 'the operation is no longer deprecated'),
  ],
  detect(ctx) {
    const a = ctx.old.traits;
    const b = ctx.new.traits;
    const p = `${ctx.tool}.traits`;
    for (const k of ['idempotent', 'readonly'] as const) {
      if (a[k] !== b[k])
        ctx.emit(`tool.${k}.${b[k] ? 'added' : 'removed'}`, `${k} ${b[k] ? 'added' : 'removed'}`, `${p}.${k}`);
    }
    // Canonical: the same paginator read from disk (keys sorted) and built fresh is the same paginator.
    const pa = canonicalCompact(a.paginated);
    const pb = canonicalCompact(b.paginated);
    if (pa !== pb) {
      // AWS JSON keeps paginators in a separate file: across formats, absence means "not stated".
      if (!(ctx.crossFormat && (!a.paginated || !b.paginated))) {
        const kind = !a.paginated ? 'added' : !b.paginated ? 'removed' : 'changed';
        ctx.emit(`tool.paginated.${kind}`, `pagination ${kind}: ${pa} → ${pb}`, `${p}.paginated`);
      }
    }
    if (!!a.deprecated !== !!b.deprecated) {
      ctx.emit(
        `tool.deprecated.${b.deprecated ? 'added' : 'removed'}`,
        `operation deprecation ${b.deprecated ? 'added' : 'removed'}`,
        `${p}.deprecated`,
      );
    }
  },
};
