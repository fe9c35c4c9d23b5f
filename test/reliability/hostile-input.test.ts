import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/drift/engine.js';
import { loadModelText } from '../../src/model/load.js';
import { normalize } from '../../src/snapshot/normalize.js';
import { InputError, oneLine } from '../../src/util/errors.js';
import { cli, cliAsync, FIX, ROOT, tmp, vendoredSpec } from '../helpers.js';

const GOOD = readFileSync(vendoredSpec(), 'utf8');
const NS = 'com.amazonaws.marketplacemetering';
const PROTO = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__'])].filter((k) =>
  /^[A-Za-z_]\w*$/.test(k),
);

/** A chain In → S1 → S2 → … → Sn of nested structures added to MeterUsage's input. */
function chainModel(depth: number): string {
  const doc = JSON.parse(GOOD);
  for (let i = 1; i <= depth; i++) {
    doc.shapes[`${NS}#Deep${i}`] = {
      type: 'structure',
      members: i < depth ? { next: { target: `${NS}#Deep${i + 1}` } } : {},
    };
  }
  doc.shapes[`${NS}#MeterUsageRequest`].members.Deep = { target: `${NS}#Deep1` };
  return JSON.stringify(doc);
}

/** A trait value nested `depth` levels deep (built as text: JSON.stringify would recurse). */
function deepTraitModel(depth: number): string {
  const doc = JSON.parse(GOOD);
  doc.shapes[`${NS}#MeterUsageRequest`].traits['ex.hostile#deep'] = '@@DEEP@@';
  return JSON.stringify(doc).replace('"@@DEEP@@"', '['.repeat(depth) + ']'.repeat(depth));
}

function protoNamesModel(names: string[]): string {
  const doc = JSON.parse(GOOD);
  const members = doc.shapes[`${NS}#MeterUsageRequest`].members;
  for (const n of names) {
    // defineProperty: `members.__proto__ = …` would replace the prototype, not add a member.
    Object.defineProperty(members, n, {
      value: { target: 'smithy.api#String', traits: { 'smithy.api#required': {} } },
      enumerable: true,
    });
  }
  return JSON.stringify(doc);
}

/** RegisterUsage's first error aimed at an id holding a line break (as a JSON escape in the model text). */
function newlineTargetModel(): string {
  const doc = JSON.parse(GOOD);
  doc.shapes[`${NS}#RegisterUsage`].errors[0].target = `${NS}#CustomerNotEntitledException\n`;
  return JSON.stringify(doc);
}

function corrupt(text: string, edits: [number, number, string][]): string {
  let t = text;
  for (const [pos, del, ins] of edits) {
    const at = pos % (t.length + 1);
    t = t.slice(0, at) + ins + t.slice(at + del);
  }
  return t;
}

const base = normalize(loadModelText(GOOD, 'good.json'), { pack: 'p', bytes: GOOD, location: 'good.json' });

/** The whole pipeline in-process: a result, or an InputError — never any other error. */
function pipeline(text: string): 'ok' | 'input-error' {
  try {
    const s = normalize(loadModelText(text, 'hostile.json'), { pack: 'p', bytes: text, location: 'hostile.json' });
    diffSnapshots(base, s);
    diffSnapshots(s, base);
    return 'ok';
  } catch (e) {
    if (e instanceof InputError) {
      expect(e.message.split('\n')).toHaveLength(1);
      expect(e.message).toMatch(/^hostile\.json: \$/);
      return 'input-error';
    }
    throw e;
  }
}

describe('hostile input, in process (fast-check): only a result or one-line InputError', () => {
  it('random member names drawn from Object.prototype keys', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...PROTO), { minLength: 1, maxLength: 4 }), (names) => {
        expect(pipeline(protoNamesModel(names))).toBe('ok');
        const s = normalize(loadModelText(protoNamesModel(names), 'x.json'), { pack: 'p', bytes: '', location: 'x' });
        const d = diffSnapshots(base, s);
        const added = d.tools
          .find((t) => t.name === 'MeterUsage')!
          .changes.filter((c) => c.rule === 'input.member.added-required');
        expect(added.map((c) => c.path.split('.').pop()).sort()).toEqual([...names].sort());
      }),
      { numRuns: 40 },
    );
  });

  it('random nesting depth of structures and of trait values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 12_000 }), (chain, trait) => {
        expect(pipeline(chainModel(chain))).toBe(chain < 200 ? 'ok' : 'input-error');
        expect(pipeline(deepTraitModel(trait))).toBe(trait < 250 ? 'ok' : 'input-error');
      }),
      { numRuns: 25 },
    );
  });

  it('a shape id holding a line break is named on one line (a counterexample fast-check found)', () => {
    // The random corruption below once turned `Excepti` + `on"` into `Excepti\n"`: the message broke in two.
    const found = corrupt(GOOD, [
      [542470997, 2, ''],
      [163169801, 1, '\\'],
    ]);
    for (const text of [found, newlineTargetModel()]) {
      expect(pipeline(text)).toBe('input-error');
      const err = (() => {
        try {
          loadModelText(text, 'hostile.json');
        } catch (e) {
          return e as InputError;
        }
      })();
      expect(err?.message).toMatch(/^hostile\.json: \$\.shapes.*\.errors\[0\]\.target: target .*\\n does not exist$/);
    }
    expect(oneLine('a\r\nb\u2028c\u001bd\u0085e')).toBe('a\\r\\nb\\u2028c\\u001bd\\u0085e');
  });

  it('random byte corruption of the real model', () => {
    const edit = fc.tuple(
      fc.nat(),
      fc.integer({ min: 0, max: 8 }),
      fc.string({
        maxLength: 4,
        unit: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '@', 'x', '0', ' ', '\n', '\\'),
      }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), (edits) => {
        expect(['ok', 'input-error']).toContain(pipeline(corrupt(GOOD, edits)));
      }),
      { numRuns: 150 },
    );
  });
});

/** A project folder with the vendored store, and a listing of every file with size + mtime. */
function project() {
  const root = tmp();
  for (const d of ['specs', 'snapshots']) cpSync(join(ROOT, d), join(root, d), { recursive: true });
  return root;
}
function listing(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out.push(`${p} ${st.size} ${st.mtimeMs}`);
    }
  };
  for (const d of ['specs', 'snapshots']) if (existsSync(join(root, d))) walk(join(root, d));
  return out;
}

describe('hostile input through the CLI: exit 0 or 2, one line, no stack, the store untouched on 2', () => {
  const dir = tmp();
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const lines = GOOD.split('\n');
  lines[1243] = `@${lines[1243]}`;
  const cases: [string, () => string, RegExp][] = [
    [
      'a 1,500-deep structure chain',
      () => file('chain.json', chainModel(1500)),
      /chain\.json: \$\.shapes\[.*: structures nest more than 200 levels/,
    ],
    [
      'a 10,000-deep trait value',
      () => file('trait.json', deepTraitModel(10_000)),
      /trait\.json: \$\.shapes.*: nested more than 256 levels deep/,
    ],
    [
      'a stray @ on line 1244',
      () => file('at.json', lines.join('\n')),
      /at\.json: \$.*: invalid JSON \(unexpected character\) at line 1244 column 1/,
    ],
    [
      'a model of another service (DynamoDB Streams)',
      () => join(FIX, 'other-services', 'dynamodb-streams-2012-08-10.json'),
      /service .*AWSMPMeteringService not found|not of this pack's service/,
    ],
    [
      'a named pipe',
      () => {
        const p = join(dir, 'fifo.json');
        if (!existsSync(p)) execFileSync('mkfifo', [p]);
        return p;
      },
      /not a regular file/,
    ],
    ['/dev/zero', () => '/dev/zero', /not a regular file/],
    [
      'an error target holding a line break',
      () => file('newline.json', newlineTargetModel()),
      /newline\.json: \$.*\.target: target .*#CustomerNotEntitledException\\n does not exist$/m,
    ],
  ];
  for (const [name, make, re] of cases) {
    for (const cmd of ['record', 'refresh'] as const) {
      it(`${cmd}: ${name}`, async () => {
        const root = project();
        const before = listing(root);
        const spec = make();
        const args =
          cmd === 'record' ? ['record', spec, '--root', root] : ['refresh', '--source', spec, '--root', root];
        const r = await cliAsync(args);
        expect(r.code, r.stderr + r.stdout).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(re);
        expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
        expect(listing(root)).toEqual(before);
      });
    }
  }

  it('a local model over fetch.maxBytes is refused, for refresh and record alike', () => {
    const root = project();
    writeFileSync(
      join(root, 'specwatch.config.json'),
      JSON.stringify({
        packs: [
          {
            id: 'amazonaws-com-meteringmarketplace',
            title: 'M',
            sdkPackage: 'x',
            sources: [{ name: 'a', url: 'http://127.0.0.1:9/' }],
          },
        ],
        fetch: { maxBytes: 10_000 },
      }),
    );
    const before = listing(root);
    for (const args of [
      ['record', vendoredSpec()],
      ['refresh', '--source', vendoredSpec()],
    ]) {
      const r = cli([...args, '--root', root]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/over the 10000-byte cap/);
    }
    expect(listing(root)).toEqual(before);
  });

  it('prototype-key member names record and diff like any other names', () => {
    const root = project();
    const r = cli(['record', file('proto.json', protoNamesModel(['__proto__', 'constructor'])), '--root', root]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/new-version .* BREAKING:1/);
  });
});

describe('exit codes match the README', () => {
  it('path-like and unknown pack ids, bad --limit, an unwritable store: exit 2, one line', () => {
    const notDir = join(tmp(), 'file');
    writeFileSync(notDir, 'x');
    const runs: [string[], RegExp][] = [
      [['history', '../../etc'], /invalid pack id "\.\.\/\.\.\/etc"/],
      [['record', vendoredSpec(), '--pack', '../x', '--root', tmp()], /invalid pack id/],
      [['history', 'no-such-pack', '--root', tmp()], /no pack "no-such-pack"/],
      [['history', '--limit', 'abc'], /--limit: expected a whole number/],
      [['record', vendoredSpec(), '--root', notDir], /cannot (write|create)/],
    ];
    for (const [args, re] of runs) {
      const r = cli(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(re);
    }
  });

  it('emulator on a port already in use: exit 2, one line', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    try {
      const r = await cliAsync(['emulator', '--port', String(port)]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}: address already in use`));
    } finally {
      busy.close();
    }
  });
});
