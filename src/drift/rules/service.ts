import type { ServiceRuleFamily } from '../types.js';
import { docKey } from '../../snapshot/docs.js';
import { fmt, one } from './helpers.js';

/**
 * Service-level facts. A removed or changed protocol is a total wire break (smithy-diff misses a
 * removed protocol trait); so is a changed signing name, endpoint prefix or awsJson target prefix.
 */
export const service: ServiceRuleFamily = {
  name: 'service',
  rules: [
    one('service', 'protocol', 'changed', 'BREAKING', 'the protocol changed or was removed'),
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
    cmp('service.protocol.changed', 'protocol', 'protocol');
    cmp('service.auth.changed', 'sigv4Name', 'SigV4 signing name');
    cmp('service.version.changed', 'version', 'API version');
    cmp('service.name.changed', 'name', 'service name');
    // Older Smithy models do not state the endpoint prefix: compare only when both do.
    cmp('service.endpoint-prefix.changed', 'endpointPrefix', 'endpoint prefix', true);
    // AWS JSON ships endpoint rules in a separate file: only compare when both sides have them.
    cmp('service.endpoint-rules.changed', 'endpointRulesHash', 'endpoint rules hash', true);
    cmp('service.sdk-id.changed', 'sdkId', 'SDK id', ctx.crossFormat);
    cmp('service.title.changed', 'title', 'title', true);
    if (!ctx.crossFormat && a.shapeId.includes('#') && b.shapeId.includes('#') && a.shapeId.split('#')[0] !== b.shapeId.split('#')[0]) {
      ctx.emit('service.namespace.changed', `namespace ${a.shapeId.split('#')[0]} → ${b.shapeId.split('#')[0]}`, 'service.shapeId');
    }
    if (!ctx.crossFormat && docKey(a.documentation) !== docKey(b.documentation)) {
      ctx.emit('service.doc.changed', 'service documentation changed', 'service.documentation');
    }
  },
};
