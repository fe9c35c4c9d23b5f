import * as crypto from 'node:crypto';
import { setOwn } from './own.js';

/** Recursively sorts object keys so the same value always serializes to the same bytes. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) setOwn(out, key, sortKeys(v));
    }
    return out;
  }
  return value;
}

/** Canonical JSON: sorted keys, two-space indent, trailing newline. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

/** Compact canonical form, used for hashing. */
export function canonicalCompact(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

// crypto.hash (Node ≥ 20.12) is a one-shot digest: much cheaper than createHash for the many small inputs hashed
// here (every finding's fingerprint, every definition of a schema).
const oneShot = (crypto as unknown as { hash?: (alg: string, data: string | Uint8Array, enc: 'hex') => string }).hash;

export function sha256(data: string | Uint8Array): string {
  return oneShot ? oneShot('sha256', data, 'hex') : crypto.createHash('sha256').update(data).digest('hex');
}

export function hashValue(value: unknown): string {
  return sha256(canonicalCompact(value));
}
