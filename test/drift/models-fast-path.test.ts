import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/drift/engine.js';
import { changedTools, diffModels } from '../../src/drift/models.js';
import { mutateSmithy } from '../../src/drift/mutate.js';
import { loadModelText } from '../../src/model/load.js';
import { normalize } from '../../src/snapshot/normalize.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { canonicalJson } from '../../src/util/canonical.js';
import { CORPUS, FIX } from '../helpers.js';

/**
 * The catalog fast path (diffModels: only tools whose shape closure differs are built, definitions of
 * untouched shapes are lent from one side to the other and skipped by identity) must give exactly the
 * result of normalizing both models and diffing the snapshots: every real transition of five services,
 * and seeded mutations of them.
 */
const snap = (t: string, name: string) => normalize(loadModelText(t, name), { pack: 'p', bytes: t, location: name });
const full = (a: string, b: string) => diffSnapshots(snap(a, 'a.json'), snap(b, 'b.json'));
/** A nightly's comparison: the stored snapshot (canonical JSON read back from disk) against a fresh one. */
const stored = (s: Snapshot): Snapshot => JSON.parse(canonicalJson(s));
const fast = (a: string, b: string) => diffModels(loadModelText(a, 'a.json'), loadModelText(b, 'b.json'));

function histories(): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const kind of ['botocore', 'smithy']) {
    const dir = join(CORPUS, kind);
    out.push([
      kind,
      readdirSync(dir)
        .filter((f) => /^\d{3}-.*\.json$/.test(f))
        .sort()
        .map((f) => join(dir, f)),
    ]);
  }
  const svc = join(CORPUS, 'services');
  for (const s of readdirSync(svc).sort()) {
    out.push([
      s,
      readdirSync(join(svc, s))
        .filter((f) => /^\d{3}.*\.json$/.test(f))
        .sort()
        .map((f) => join(svc, s, f)),
    ]);
  }
  return out;
}

describe('diffModels equals the full pipeline', () => {
  for (const [name, files] of histories()) {
    it(`${name}: every transition (${files.length - 1}), byte-identical`, () => {
      expect(files.length).toBeGreaterThan(5);
      let partial = 0;
      // Each version loaded and normalized once (the full path gets its own load, so nothing is shared with
      // the fast path's models).
      const versions = files.map((f, i) => {
        const t = readFileSync(f, 'utf8');
        const name = `${i}.json`;
        return { model: loadModelText(t, name), snapshot: snap(t, name) };
      });
      for (let i = 1; i < files.length; i++) {
        const [a, b] = [versions[i - 1], versions[i]];
        const expected = JSON.stringify(diffSnapshots(a.snapshot, b.snapshot));
        expect(JSON.stringify(diffModels(a.model, b.model)), `${files[i]}`).toBe(expected);
        // Stored vs fresh gives the same verdicts as fresh vs fresh (test/drift/stored-vs-fresh.test.ts).
        expect(JSON.stringify(diffSnapshots(stored(a.snapshot), b.snapshot)), `${files[i]} stored`).toBe(expected);
        const plan = changedTools(a.model, b.model);
        if (plan && plan.unchanged.length) partial++;
      }
      // The fast path really skipped work somewhere in each history (else this test proves nothing).
      expect(partial).toBeGreaterThan(0);
    });
  }

  it('seeded mutations of the Smithy history: same result, and most tools never built', () => {
    const dir = join(CORPUS, 'smithy');
    let skipped = 0;
    // Every third version, two seeds each: the mutations differ in which shapes they hit.
    const files = readdirSync(dir)
      .filter((x) => x.endsWith('.json') && /^\d/.test(x))
      .sort()
      .filter((_, i) => i % 3 === 0);
    for (const f of files) {
      const a = readFileSync(join(dir, f), 'utf8');
      for (const seed of [1, 2]) {
        const b = JSON.stringify(mutateSmithy(JSON.parse(a), seed).doc);
        expect(JSON.stringify(fast(a, b)), `${f} seed ${seed}`).toBe(JSON.stringify(full(a, b)));
        skipped += changedTools(loadModelText(a, 'a'), loadModelText(b, 'b'))?.unchanged.length ?? 0;
      }
    }
    expect(skipped).toBeGreaterThan(0);
  });

  it('a model of another format takes the full path', () => {
    const smithy = readFileSync(
      join(
        CORPUS,
        'smithy',
        readdirSync(join(CORPUS, 'smithy'))
          .filter((x) => /^\d/.test(x))
          .sort()
          .pop()!,
      ),
      'utf8',
    );
    const boto = readFileSync(join(CORPUS, 'botocore', '017-2026-02-26-14bc74f6f.json'), 'utf8');
    expect(JSON.stringify(fast(smithy, boto))).toBe(JSON.stringify(full(smithy, boto)));
    void FIX;
  });
});
