import { one } from './helpers.js';

/**
 * Documentation. Re-wrapped text (same words, new whitespace) is no change. The engine gathers all doc
 * edits of one tool into this one finding, so docs never drown the contract changes. Service docs are
 * in the service family.
 */
export const docs = {
  name: 'docs',
  rules: [one('tool', 'doc', 'changed', 'DOC', 'documentation changed')],
};
