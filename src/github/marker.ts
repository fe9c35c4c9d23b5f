/** Hidden markers that let a rerun find its own issue through the (strongly consistent) issues list API. */
export const packMarker = (pack: string) => `<!-- specwatch:pack=${pack} -->`;
export const fingerprintMarker = (fp: string) => `<!-- specwatch:fingerprint=${fp} -->`;

export function readFingerprint(body: string | null | undefined): string | null {
  return /<!-- specwatch:fingerprint=([0-9a-f]+) -->/.exec(body ?? '')?.[1] ?? null;
}

export const hasPack = (body: string | null | undefined, pack: string) => (body ?? '').includes(packMarker(pack));
