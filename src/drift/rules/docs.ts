import { docKey } from '../../snapshot/docs.js';
import { one } from './helpers.js';

/**
 * Documentation. Re-wrapped text (same words, new whitespace) is no change. All doc edits of one
 * tool are one finding, so docs never drown the contract changes.
 */
export const docs = {
  name: 'docs',
  rules: [
    one('tool', 'doc', 'changed', 'DOC', 'documentation changed'),
    one('service', 'doc', 'changed', 'DOC', 'service documentation changed'),
  ],
  differs: (a: unknown, b: unknown) => docKey(a) !== docKey(b),
};
