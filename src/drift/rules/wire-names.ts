import type { NodeRuleFamily } from '../types.js';
import { fmt, mirror } from './helpers.js';

/**
 * Which protocols read each wire-name keyword. In the protocol definitions of `aws.protocols`, restJson1 lists
 * `smithy.api#jsonName` among the traits it understands and restXml does not (XML names come from `xmlName`);
 * awsJson1_0/1_1 and rpcv2Cbor send members by their member names. The HTTP binding traits (`httpHeader`,
 * `httpQuery`, `httpLabel`, …) are read by the REST protocols, restJson1 and restXml. The XML names (`xmlName`,
 * `xmlFlattened`, `xmlAttribute`: the element or attribute a member is serialized as, and the query key built from
 * it) are read by restXml, awsQuery and ec2Query, and `ec2QueryName` (an EC2 request key) by ec2Query only.
 */
const XML = (p: string) => p === 'restXml' || p === 'awsQuery' || p === 'ec2Query';
const READ_BY: Record<string, (protocol: string) => boolean> = {
  'x-jsonName': (p) => p === 'restJson1',
  'x-http': (p) => p === 'restJson1' || p === 'restXml',
  'x-xmlName': XML,
  'x-xmlFlattened': XML,
  'x-xmlAttribute': XML,
  'x-ec2QueryName': (p) => p === 'ec2Query',
};

/** Wire names and HTTP bindings change the wire only where a protocol of the service reads them; elsewhere DOC. */
export const wireNames: NodeRuleFamily = {
  name: 'wire-names',
  keywords: Object.keys(READ_BY),
  rules: [
    ...mirror(
      'wire-name',
      'changed',
      'BREAKING',
      'BREAKING',
      'a wire name or HTTP binding changed where a protocol of the service reads it',
    ),
    ...mirror(
      'wire-name',
      'changed-unused',
      'DOC',
      'DOC',
      'a wire name or HTTP binding changed where no protocol of the service reads it',
    ),
  ],
  detect(ctx) {
    const keys = Object.keys(READ_BY).filter((k) => ctx.diffKeys.has(k));
    if (!keys.length) return;
    ctx.explain(...keys);
    const protocols = (ctx.protocol ?? '').split(',').filter(Boolean);
    const msg = (ks: string[]) => ks.map((k) => `${k.slice(2)} ${fmt(ctx.old[k])} → ${fmt(ctx.new[k])}`).join(', ');
    const read = keys.filter((k) => protocols.some(READ_BY[k]));
    const unread = keys.filter((k) => !read.includes(k));
    if (read.length) ctx.emit(`${ctx.dir}.wire-name.changed`, msg(read));
    if (unread.length) {
      ctx.emit(
        `${ctx.dir}.wire-name.changed-unused`,
        `${msg(unread)} (not used by ${ctx.protocol ?? 'this protocol'})`,
      );
    }
  },
};
