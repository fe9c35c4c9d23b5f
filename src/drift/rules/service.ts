import type { ServiceRuleFamily } from '../types.js';
import { docKey } from '../../snapshot/docs.js';
import { fmt, one } from './helpers.js';

/**
 * Service-level facts. A removed protocol is a wire break for its clients (smithy-diff misses a removed
 * protocol trait), one added beside them is additive; a changed signing name, endpoint prefix or awsJson
 * target prefix is a break too.
 */
export const service: ServiceRuleFamily = {
  name: 'service',
  rules: [
    one('service', 'protocol', 'added', 'ADDITIVE', 'a protocol was added beside the ones clients use'),
    one('service', 'protocol', 'removed', 'BREAKING', 'a protocol clients use was removed or replaced'),
    one('service', 'auth', 'changed', 'BREAKING', 'the SigV4 signing name changed'),
    one('service', 'version', 'changed', 'BREAKING', 'the API version changed'),
    one('service', 'name', 'changed', 'BREAKING', 'the service shape name (awsJson target prefix) changed'),
    one('service', 'endpoint-prefix', 'changed', 'BREAKING', 'the endpoint prefix changed'),
    one('service', 'endpoint-rules', 'changed', 'ADDITIVE', 'the endpoint rule set changed'),
    one('service', 'sdk-id', 'changed', 'RISKY', 'the SDK id (client name) changed'),
    one('service', 'title', 'changed', 'DOC', 'the service title changed'),
    one('service', 'namespace', 'changed', 'DOC', 'the Smithy namespace changed'),
    one('service', 'doc', 'changed', 'DOC', 'service documentation changed'),
  ],
  detect(ctx) {
    const a = ctx.old;
    const b = ctx.new;
    const cmp = (rule: string, key: keyof typeof a, what: string, bothNeeded = false) => {
      if (a[key] === b[key]) return;
      if (bothNeeded && (a[key] === null || b[key] === null)) return;
      ctx.emit(rule, `${what} ${fmt(a[key])} → ${fmt(b[key])}`, `service.${key}`);
    };
    // Protocols are a set: one added beside those in use is additive; one removed (or replaced) breaks its clients.
    const protos = (s: string | null) => new Set((s ?? '').split(',').filter(Boolean));
    const [pa, pb] = [protos(a.protocol), protos(b.protocol)];
    const added = [...pb].filter((p) => !pa.has(p));
    const removed = [...pa].filter((p) => !pb.has(p));
    if (removed.length) {
      ctx.emit(
        'service.protocol.removed',
        `protocol ${removed.join(', ')} removed (now ${fmt(b.protocol)})`,
        'service.protocol',
      );
    }
    if (added.length)
      ctx.emit(
        'service.protocol.added',
        `protocol ${added.join(', ')} added (was ${fmt(a.protocol)})`,
        'service.protocol',
      );
    cmp('service.auth.changed', 'sigv4Name', 'SigV4 signing name');
    cmp('service.version.changed', 'version', 'API version');
    // The service name is on the wire only for awsJson (X-Amz-Target) and rpcv2Cbor (the URL path).
    const named = (s: Set<string>) => [...s].some((p) => /^awsJson|^rpcv2Cbor/.test(p));
    if (named(pa) && named(pb)) cmp('service.name.changed', 'name', 'service name');
    // Older Smithy models do not state the endpoint prefix: compare only when both do.
    cmp('service.endpoint-prefix.changed', 'endpointPrefix', 'endpoint prefix', true);
    // AWS JSON ships endpoint rules in a separate file: only compare when both sides have them.
    cmp('service.endpoint-rules.changed', 'endpointRulesHash', 'endpoint rules hash', true);
    // Older models do not state an SDK id: a stated one appearing is no change (botocore's 2018 serviceId commits).
    cmp('service.sdk-id.changed', 'sdkId', 'SDK id', true);
    cmp('service.title.changed', 'title', 'title', true);
    if (
      !ctx.crossFormat &&
      a.shapeId.includes('#') &&
      b.shapeId.includes('#') &&
      a.shapeId.split('#')[0] !== b.shapeId.split('#')[0]
    ) {
      ctx.emit(
        'service.namespace.changed',
        `namespace ${a.shapeId.split('#')[0]} → ${b.shapeId.split('#')[0]}`,
        'service.shapeId',
      );
    }
    if (docKey(a.documentation) !== docKey(b.documentation)) {
      ctx.emit('service.doc.changed', 'service documentation changed', 'service.documentation');
    }
  },
};
