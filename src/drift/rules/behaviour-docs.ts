import { factLine } from '../../facts/compare.js';
import { changedToolFacts } from '../../facts/tool.js';
import type { ToolRuleFamily } from '../types.js';

/**
 * Behavioural documentation: a doc change that adds, removes or alters a fact the docs state about
 * behaviour (a limit, a time window, a date, an error named in prose, a must / can only / not supported)
 * is RISKY for the tool — the contract moved even though no shape did. Plain rewording stays DOC.
 * The facts and how they pair are in src/facts/.
 */
export const behaviourDocs: ToolRuleFamily = {
  name: 'behaviour-docs',
  rules: [
    {
      id: 'tool.doc.behaviour-changed',
      class: 'RISKY',
      direction: 'tool',
      summary: 'the documentation changes a behavioural fact (a limit, window, date, error or requirement)',
    },
  ],
  detect(ctx) {
    // Same docs on both sides (fingerprints, when the tools carry them): nothing to read.
    if (ctx.old.docFingerprint && ctx.old.docFingerprint === ctx.new.docFingerprint) return;
    const facts = changedToolFacts(ctx.old, ctx.new);
    if (!facts.length) return;
    const shown = facts
      .slice(0, 4)
      .map((f) => `${factLine(f)} (${f.path})`)
      .join('; ');
    const more = facts.length > 4 ? `; … (${facts.length - 4} more)` : '';
    ctx.emit(
      'tool.doc.behaviour-changed',
      `documented behaviour changed: ${shown}${more}`,
      `${ctx.tool}.documentation`,
      facts,
      facts,
    );
  },
};
