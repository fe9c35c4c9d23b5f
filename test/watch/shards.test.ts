import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mutateSmithy } from '../../src/drift/mutate.js';
import { cliAsync, FIX, tmp } from '../helpers.js';

/**
 * The sharded nightly, locally: the shards run as parallel processes on copies of the store, their results are
 * merged, and the merged store equals one process watching every pack (same clock: SPECWATCH_NOW). Replay is
 * off here: a replay's verdict records when it ran and how long it took, which no two runs share.
 */
const CAT = join(FIX, 'catalog');
const FILES = ['freetier-2023-09-07.json', 'eks-auth-2023-11-26.json', 'sts-2011-06-15.json'];
const NOW = { SPECWATCH_NOW: '2026-11-27T04:17:00Z' };

function tree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(root, p), readFileSync(p, 'utf8'));
    }
  };
  for (const top of ['specs', 'snapshots', 'replays', 'status']) if (existsSync(join(root, top))) walk(join(root, top));
  return out;
}

describe('sharded nightly', () => {
  it('two shards in parallel, merged, equal one process over the same packs', async () => {
    const base = tmp();
    for (const [i, f] of FILES.entries()) {
      const r = await cliAsync(['add', ['FreeTier', 'eks-auth', 'sts'][i], '--source', join(CAT, f), '--root', base]);
      expect(r.code, r.stderr).toBe(0);
    }
    // Upstream moved: each service's next version is a seeded mutation, served from a local path source.
    mkdirSync(join(base, 'upstream'));
    const cfgFile = join(base, 'specwatch.config.json');
    const cfg = JSON.parse(readFileSync(cfgFile, 'utf8'));
    for (const [i, f] of FILES.entries()) {
      writeFileSync(
        join(base, 'upstream', f),
        JSON.stringify(mutateSmithy(JSON.parse(readFileSync(join(CAT, f), 'utf8'))).doc),
      );
      cfg.packs[i].sources = [{ name: 'upstream', path: `upstream/${f}` }];
    }
    writeFileSync(cfgFile, JSON.stringify(cfg, null, 2));
    const copy = () => {
      const d = tmp();
      cpSync(base, d, { recursive: true });
      return d;
    };
    const [single, merged, s1, s2] = [copy(), copy(), copy(), copy()];
    const plan = JSON.parse((await cliAsync(['packs', '--matrix', '2', '--root', base])).stdout).include;
    expect(plan.map((s: { packs: string }) => s.packs)).toEqual([
      'amazonaws-com-sts',
      'amazonaws-com-eks-auth amazonaws-com-freetier',
    ]);

    const watch = (root: string, packs: string[]) =>
      cliAsync(['watch', ...packs, '--root', root, '--replay', 'never', '--json'], { cwd: root, env: NOW }).then(
        (r) => {
          writeFileSync(join(root, 'watch.json'), r.stdout);
          writeFileSync(join(root, 'exit'), String(r.code));
          return r;
        },
      );
    const runs = await Promise.all([
      watch(single, []),
      watch(s1, plan[0].packs.split(' ')),
      watch(s2, plan[1].packs.split(' ')),
    ]);
    for (const r of runs) expect([0, 1]).toContain(r.code);
    const m = await cliAsync(['merge', s1, s2, '--root', merged, '--json']);
    expect(m.code, m.stderr).toBe(runs[0].code);
    expect(JSON.parse(m.stdout).packs.sort()).toEqual(cfg.packs.map((p: { id: string }) => p.id).sort());

    const a = tree(single);
    const b = tree(merged);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [k, v] of a) expect(b.get(k), k).toBe(v);
    // The night really recorded something: every pack has a second version.
    for (const p of cfg.packs) {
      expect(
        readFileSync(join(merged, 'snapshots', p.id, 'history.jsonl'), 'utf8')
          .trim()
          .split('\n'),
      ).toHaveLength(2);
    }
    // A pack claimed by two shards is refused (one line, exit 2), the store untouched.
    const twice = await cliAsync(['merge', s1, s1, '--root', copy()]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/pack amazonaws-com-sts is also in /);
  });
});
