import { oneLine } from '../util/errors.js';

/**
 * Upstream text (names, enum values, documentation) made inert for GitHub Markdown: it cannot
 * @-mention users or teams, open HTML or a comment (so it cannot forge specwatch's hidden markers),
 * embed an image or a link, autolink a URL, break out of a table cell or a code span, or carry a terminal escape
 * sequence (control characters are written as escapes).
 */
const ZWSP = '\u200b';

export function inert(text: string, maxChars = 600): string {
  let t = text.length > maxChars ? `${text.slice(0, maxChars)}… (${text.length - maxChars} more characters)` : text;
  t = oneLine(t.replace(/[\r\n]+/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, `@${ZWSP}`)
    .replace(/([\\[\]()!*_~|#`])/g, '\\$1')
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`);
  return t;
}

/** For a code span: no backticks inside (they would end it), no line breaks, bounded. */
export function inertCode(text: string, maxChars = 300): string {
  const t = text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
  return oneLine(t.replace(/[\r\n]+/g, ' '))
    .replace(/`/g, "'")
    .replace(/\|/g, '\\|');
}

/** A fence longer than any backtick run in the content, so the content cannot close it. */
export function fenceFor(content: string): string {
  const longest = Math.max(2, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}
