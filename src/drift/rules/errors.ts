import type { ToolRuleFamily } from '../types.js';
import { one } from './helpers.js';

/**
 * Modelled errors of a tool. An error is identified on the wire by its code: the shape name (`__type`), or
 * on awsQuery and awsQuery-compatible services its query code. A newly modelled error is
 * additive (SDKs already surfaced it as a generic exception); a dropped one becomes unmodelled.
 * A changed fault or HTTP status changes retry and handling logic (RISKY).
 */
export const errors: ToolRuleFamily = {
  name: 'errors',
  rules: [
    one('tool', 'error', 'added', 'ADDITIVE', 'an error was added to the operation'),
    one('tool', 'error', 'removed', 'RISKY', 'an error was removed from the operation'),
    one('tool', 'error', 'fault-changed', 'RISKY', 'an error changed between client and server fault'),
    one('tool', 'error', 'http-status-changed', 'RISKY', "an error's HTTP status changed"),
    one(
      'tool',
      'error',
      'code-changed',
      'BREAKING',
      "an error's wire code changed: clients' except clauses stop matching",
    ),
  ],
  detect(ctx) {
    const o = new Map(ctx.old.errors.map((e) => [e.name, e]));
    const n = new Map(ctx.new.errors.map((e) => [e.name, e]));
    const base = `${ctx.tool}.errors`;
    for (const [name, e] of n) {
      const prev = o.get(name);
      if (!prev) {
        ctx.emit('tool.error.added', `error ${name} (${e.fault}) added`, `${base}.${name}`);
        continue;
      }
      const [was, now] = [prev.code ?? prev.name, e.code ?? e.name];
      if (was !== now) ctx.emit('tool.error.code-changed', `error ${name} code ${was} → ${now}`, `${base}.${name}`);
      // A fault one side does not state (AWS JSON without `"fault": true`) is no change, as with statuses.
      if (prev.fault !== e.fault && !prev.faultImplicit && !e.faultImplicit)
        ctx.emit('tool.error.fault-changed', `error ${name} fault ${prev.fault} → ${e.fault}`, `${base}.${name}`);
      else if (prev.fault === e.fault && prev.httpStatus !== e.httpStatus) {
        // A status the model states where it stated none (botocore's CBOR releases state 404/429/503) is
        // metadata added, not a change; across formats, AWS JSON often omits a status Smithy states.
        const implicit = (x: typeof e) =>
          x.httpStatusImplicit === true || (ctx.crossFormat && x.httpStatus === (x.fault === 'server' ? 500 : 400));
        if (!implicit(prev) && !implicit(e)) {
          ctx.emit(
            'tool.error.http-status-changed',
            `error ${name} HTTP status ${prev.httpStatus} → ${e.httpStatus}`,
            `${base}.${name}`,
          );
        }
      }
    }
    for (const name of o.keys())
      if (!n.has(name)) ctx.emit('tool.error.removed', `error ${name} removed`, `${base}.${name}`);
  },
};
