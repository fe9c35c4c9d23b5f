import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordVersion, currentSnapshot } from '../../src/history/store.js';
import { storePaths } from '../../src/history/paths.js';
import { runReplay } from '../../src/replay/runner.js';
import { readTrust, storeTrust } from '../../src/replay/trust.js';
import { recordVendored, tmp, vendoredSpec } from '../helpers.js';

const PACK = 'amazonaws-com-meteringmarketplace';

describe('drift-aware replay and the stored trust verdict', () => {
  it(
    'a recorded version that adds a required input member ' + 'is noticed by replay; the verdict follows the snapshot',
    async () => {
      const root = tmp();
      const paths = storePaths(root, PACK);
      const text = readFileSync(vendoredSpec(), 'utf8');
      recordVendored(root, PACK);
      const v1 = currentSnapshot(root, PACK)!;
      const ok = await runReplay({ snapshot: v1, pack: PACK });
      expect(storeTrust(paths.verdictFile, ok).level).toBe('replay-proven');

      // Upstream adds a required member "Region" to MeterUsage's input.
      const doc = JSON.parse(text);
      const req = doc.shapes['com.amazonaws.marketplacemetering#MeterUsageRequest'];
      req.members.Region = {
        target: 'com.amazonaws.marketplacemetering#String',
        traits: { 'smithy.api#required': {} },
      };
      const f = join(tmp(), 'v2.json');
      writeFileSync(f, JSON.stringify(doc, null, 2));
      const rec = recordVersion({ root, pack: PACK, bytes: readFileSync(f), location: f, kind: 'file' });
      expect(rec.entry.summary).toBe('4 tools CLEAN:3 BREAKING:1 residual 0%');
      const v2 = currentSnapshot(root, PACK)!;
      // The old proof does not carry over to the new contract.
      expect(readTrust(paths.verdictFile, v2.fingerprint)).toBeNull();

      const r = await runReplay({ snapshot: v2, pack: PACK });
      const mu = r.tools.find((t) => t.name === 'MeterUsage')!;
      expect(mu.verdict).toBe('FAIL');
      expect(mu.reason).toMatch(/ValidationException.*Region.*required/);
      const t = storeTrust(paths.verdictFile, r);
      expect(t.level).toBe('spec-monitored');
      expect(t.sentence).toMatch(/^Caution — replay found 1 tool\(s\) not behaving as the spec says \(MeterUsage\)/);
    },
  );
});
