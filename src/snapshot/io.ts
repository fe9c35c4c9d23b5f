import { loadModelDoc, detectFormat } from '../model/load.js';
import { InputError } from '../util/errors.js';
import { readJsonFile } from '../util/json.js';
import { normalize } from './normalize.js';
import type { Snapshot } from './types.js';
import { resetHasher, toolDocFingerprint, toolFingerprint } from './fingerprint.js';

/** Fingerprints recomputed from content: a snapshot file edited by hand cannot claim "no change". */
export function refingerprint(s: Snapshot): Snapshot {
  resetHasher();
  return {
    ...s,
    tools: s.tools.map((t) => ({ ...t, fingerprint: toolFingerprint(t), docFingerprint: toolDocFingerprint(t) })),
  };
}

export const DEFAULT_PACK = 'amazonaws-com-meteringmarketplace';

/** Reads a raw model (either format) or an existing snapshot file and returns a snapshot. */
export function snapshotFromFile(file: string, pack = DEFAULT_PACK): Snapshot {
  const { bytes, value } = readJsonFile(file);
  if (detectFormat(value, file) === 'snapshot') {
    const s = value as Snapshot;
    if (!Array.isArray(s.tools)) throw new InputError(file, '$.tools', 'snapshot has no tools array');
    return refingerprint(s);
  }
  return normalize(loadModelDoc(value, file), { pack, bytes, location: file, kind: 'file' });
}
