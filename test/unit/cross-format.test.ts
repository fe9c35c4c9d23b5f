import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/drift/engine.js';
import { corpus, corpusFile, snap } from '../helpers.js';

/**
 * The same model version in both formats gives the same tool contracts. Fingerprints may differ
 * only where one format states what the other cannot; each such difference is named here.
 */
describe('cross-format equivalence (botocore service-2.json vs Smithy JSON AST)', () => {
  const boto = corpus('botocore');
  const smithy = corpus('smithy');
  // Same-day pairs (see both INDEX.json files).
  const pairs = boto
    .map((b) => [b, smithy.find((s) => s.date.slice(0, 10) === b.date.slice(0, 10))] as const)
    .filter(([, s]) => s);

  it('finds the same-day pairs', () => {
    expect(pairs.map(([b]) => b.file.slice(4, 14))).toEqual(['2025-03-25', '2025-10-21', '2026-01-22', '2026-02-26']);
  });

  for (const [b, s] of pairs) {
    it(`${b.file} ≡ ${s!.file}: 4 tools CLEAN:4 residual 0%`, () => {
      const d = diffSnapshots(snap(b.path), snap(s!.path));
      expect(d.summary.line).toBe('4 tools CLEAN:4 residual 0%');
      expect(d.service.changes).toEqual([]);
    });
  }

  it('names every fingerprint difference of the 2026-02-26 pair', () => {
    const a = snap(corpusFile('botocore', '017'));
    const b = snap(corpusFile('smithy', '018'));
    const differ = a.tools.filter((t, i) => t.fingerprint !== b.tools[i].fingerprint).map((t) => t.name);
    // 1. Smithy 2.0 writes a relaxed member as @default("") + @addedDefault: AWS JSON has no defaults.
    //    BatchMeterUsage.ProductCode and UsageRecord.CustomerIdentifier carry it.
    // 2. IdempotencyConflictException has @httpError(409) in Smithy; botocore omits the status (400 implied).
    //    It belongs to MeterUsage.
    // RegisterUsage and ResolveCustomer have neither, so their fingerprints are equal (anchored vs
    // unanchored universal patterns and a stated zero minimum length are the same contract).
    expect(differ).toEqual(['BatchMeterUsage', 'MeterUsage']);
    expect(a.tools.find((t) => t.name === 'ResolveCustomer')!.fingerprint).toBe(
      b.tools.find((t) => t.name === 'ResolveCustomer')!.fingerprint,
    );
    const err = (s: typeof a) =>
      s.tools.find((t) => t.name === 'MeterUsage')!.errors.find((e) => e.name === 'IdempotencyConflictException')!
        .httpStatus;
    expect([err(a), err(b)]).toEqual([400, 409]);
  });
});

describe('Smithy IDL 1.0 vs 2.0 of the same API', () => {
  it('the 2022-10 conversion (1.0 → 2.0) changes no tool contract', () => {
    const v1 = corpus('smithy').find((v) => v.file.startsWith('002'))!;
    const v2 = corpus('smithy').find((v) => v.file.startsWith('003'))!;
    expect([v1.idl, v2.idl]).toEqual(['1.0', '2.0']);
    const a = snap(v1.path);
    const b = snap(v2.path);
    // @box on 1.0 number shapes means "nullable", which is 2.0's default: identical schemas.
    expect(b.tools.map((t) => t.fingerprint)).toEqual(a.tools.map((t) => t.fingerprint));
    expect(diffSnapshots(a, b).summary.line).toBe('4 tools CLEAN:4 residual 0%');
  });
});
