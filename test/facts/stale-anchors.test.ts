import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMULATOR_ANCHORS } from '../../src/emulator/anchors.js';
import { checkAnchors } from '../../src/facts/anchors.js';
import { recordVersion, currentSnapshot } from '../../src/history/store.js';
import { REPLAY_ANCHORS } from '../../src/replay/anchors.js';
import { cliAsync, corpusFile, tmp, vendoredSpec } from '../helpers.js';

const PACK = 'amazonaws-com-meteringmarketplace';

describe('doc-anchored behaviours', () => {
  it(
    'every emulator rule and replay expectation names a ' + 'fact the vendored docs state, in the sentence it quotes',
    () => {
      const root = tmp();
      recordVersion({ root, pack: PACK, bytes: readFileSync(vendoredSpec()), location: 'v.json', kind: 'file' });
      const snap = currentSnapshot(root, PACK)!;
      const all = checkAnchors(snap, [...EMULATOR_ANCHORS, ...REPLAY_ANCHORS]);
      expect(all.filter((a) => a.status !== 'ok')).toEqual([]);
      expect(EMULATOR_ANCHORS.length).toBeGreaterThanOrEqual(6);
      expect(REPLAY_ANCHORS.map((a) => a.behaviour)).toEqual(
        expect.arrayContaining([
          "replay case 'BatchMeterUsage: a record outside the window rejects the batch'",
          "replay case 'MeterUsage: timestamp older than the window'",
        ]),
      );
      const docs = JSON.stringify(snap.tools)
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ');
      for (const a of EMULATOR_ANCHORS) expect(docs, a.behaviour).toContain(a.quote.split(',')[0]);
    },
  );

  it(
    '2026-07-01 (botocore 017 → 018): the batch window rule anchored on "6 hours" is STALE; ' +
      'replay cannot prove the pack; watch, replay --json and the page say so',
    async () => {
      const root = tmp();
      const rec = (f: string) => cliAsync(['refresh', '--source', f, '--root', root]);
      expect((await rec(corpusFile('botocore', '017'))).code).toBe(0);
      const before = JSON.parse((await cliAsync(['replay', '--json', '--root', root])).stdout);
      expect(before.behaviour.stale).toEqual([]);
      expect(before.trust.level).toBe('replay-proven');

      const r = await rec(corpusFile('botocore', '018'));
      expect(r.stdout).toMatch(/4 tools CLEAN:3 RISKY:1 residual 0%/);
      const rep = await cliAsync(['replay', '--json', '--root', root]);
      const after = JSON.parse(rep.stdout);
      expect(after.summary.FAIL).toBe(0); // the emulator follows the served docs (24 h): nothing fails …
      expect(after.behaviour.stale.map((s: { behaviour: string }) => s.behaviour)).toEqual([
        "emulator rule 'batch window'",
        "replay case 'BatchMeterUsage: a record outside the window rejects the batch'",
      ]);
      expect(after.behaviour.stale[0].reason).toBe(
        'emulator rule \'batch window\' rests on "6 hours" (BatchMeterUsage), ' + 'which now says "24 hours"',
      );
      // … but what it replays was written for docs that changed: not replay-proven until reviewed.
      expect(after.trust.level).toBe('spec-monitored');
      expect(after.trust.sentence).toMatch(/rest on documentation that changed \(emulator rule 'batch window'/);

      const w = await cliAsync(['watch', '--offline', '--root', root, '--replay', 'never']);
      expect(w.stdout).toMatch(
        /STALE emulator rule 'batch window' rests on "6 hours" \(BatchMeterUsage\), which now says "24 hours"/,
      );
      const md = readFileSync(join(root, 'status', `${PACK}.md`), 'utf8');
      expect(md).toMatch(
        /\| emulator rule 'batch window' \| `BatchMeterUsage` BatchMeterUsage \| "6 hours" \| STALE: /,
      );
      expect(md).toMatch(/\| emulator rule 'batch size' \| .* \| ok \|/);
      const facts = JSON.parse(
        (await cliAsync(['facts', '--json', '--root', root, '--tool', 'BatchMeterUsage'])).stdout,
      );
      expect(
        facts.behaviour.find((b: { behaviour: string }) => b.behaviour === "emulator rule 'batch window'").status,
      ).toBe('stale');
      expect(facts.tools[0].facts).toContainEqual(
        expect.objectContaining({ path: 'BatchMeterUsage', fact: '24 hours' }),
      );
    },
  );
});
