import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/drift/engine.js';
import { snapshotFromFile } from '../../src/snapshot/io.js';
import { FIX } from '../helpers.js';

/** Golden triplets: old.json / new.json / expected.json (the diff JSON contract). */
const dir = join(FIX, 'drift');
describe('golden drift cases', () => {
  const cases = existsSync(dir) ? readdirSync(dir).sort() : [];
  it('has golden cases', () => expect(cases.length).toBeGreaterThanOrEqual(5));
  for (const c of cases) {
    it(c, () => {
      const d = diffSnapshots(snapshotFromFile(join(dir, c, 'old.json')), snapshotFromFile(join(dir, c, 'new.json')));
      const expected = JSON.parse(readFileSync(join(dir, c, 'expected.json'), 'utf8'));
      expect(JSON.parse(JSON.stringify(d))).toEqual(expected);
    });
  }
});
