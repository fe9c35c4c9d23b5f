import { one } from './helpers.js';

/** Tools (operations) appearing or disappearing; detected by the engine, which sees both lists. */
export const toolPresence = {
  name: 'tools',
  rules: [
    one('tool', 'tool', 'added', 'ADDITIVE', 'a new operation'),
    one('tool', 'tool', 'removed', 'BREAKING', 'an operation was removed'),
  ],
};
