/** Hidden markers that let a rerun find its own issue through the (strongly consistent) issues list API. */
export const packMarker = (pack: string) => `<!-- specwatch:pack=${pack} -->`;
export const fingerprintMarker = (fp: string) => `<!-- specwatch:fingerprint=${fp} -->`;

/**
 * Only the markers specwatch writes, in their own position, count: the body's first two lines. Text
 * further down (upstream docs, people's edits) cannot claim an issue for a pack or a fingerprint.
 */
const HEAD = /^<!-- specwatch:pack=([a-z0-9._-]+) -->\r?\n<!-- specwatch:fingerprint=([0-9a-f]+) -->(\r?\n|$)/i;

export function readFingerprint(body: string | null | undefined): string | null {
  return HEAD.exec(body ?? '')?.[2] ?? null;
}

export const hasPack = (body: string | null | undefined, pack: string) => HEAD.exec(body ?? '')?.[1] === pack;
