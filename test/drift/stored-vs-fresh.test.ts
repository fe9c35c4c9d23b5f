import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/drift/engine.js';
import { loadModelText } from '../../src/model/load.js';
import { normalize } from '../../src/snapshot/normalize.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { canonicalJson } from '../../src/util/canonical.js';
import { FIX } from '../helpers.js';

/**
 * A nightly compares the stored snapshot (canonical JSON read back from disk: keys sorted) with a fresh one
 * (built in memory, keys in the model's order). Every verdict must be the same as between two fresh ones:
 * checked on every real transition in models-fast-path.test.ts (it normalizes them already), and here on the
 * case that broke it.
 */
const fresh = (text: string, name: string) =>
  normalize(loadModelText(text, name), { pack: 'p', bytes: text, location: name });
const stored = (s: Snapshot): Snapshot => JSON.parse(canonicalJson(s));
const same = (a: string, b: string, name: string) => {
  const [sa, sb] = [fresh(a, `${name}-a.json`), fresh(b, `${name}-b.json`)];
  expect(JSON.stringify(diffSnapshots(stored(sa), sb)), name).toBe(JSON.stringify(diffSnapshots(sa, sb)));
};

describe('stored vs fresh snapshots give the same verdicts', () => {
  it('a paginated operation whose trait keys are not in sorted order, with a doc change: DOC, not BREAKING', () => {
    const doc = JSON.parse(readFileSync(join(FIX, 'catalog', 'freetier-2023-09-07.json'), 'utf8'));
    const op = doc.shapes['com.amazonaws.freetier#GetFreeTierUsage'];
    op.traits['smithy.api#paginated'] = { outputToken: 'nextToken', inputToken: 'nextToken', pageSize: 'maxResults' };
    const a = JSON.stringify(doc);
    op.traits['smithy.api#documentation'] += ' Now documented further.';
    const b = JSON.stringify(doc);
    same(a, b, 'freetier');
    const d = diffSnapshots(stored(fresh(a, 'a.json')), fresh(b, 'b.json'));
    expect(d.summary.line).toBe('1 tools DOC:1 residual 0%');
  });
});
