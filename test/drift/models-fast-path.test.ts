import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/drift/engine.js';
import { changedTools, diffModels } from '../../src/drift/models.js';
import { mutateSmithy } from '../../src/drift/mutate.js';
import { scanOne } from '../../src/drift/scan.js';
import { loadModelDoc, loadModelText, loadModelTextLike } from '../../src/model/load.js';
import { buildTools, normalize } from '../../src/snapshot/normalize.js';
import type { SchemaShare } from '../../src/snapshot/schema.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { canonicalJson } from '../../src/util/canonical.js';
import { seededRandom } from '../../src/emulator/serialize.js';
import { CORPUS, FIX } from '../helpers.js';
import { miniModel, member, NS, REQ, str, struct } from './mini.js';

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

/** The counterpart loaded as `scan` loads it: shapes whose JSON equals the first model's are taken from it. */
const lentPair = (a: string, b: string) => {
  const docA = JSON.parse(a) as unknown;
  const ma = loadModelDoc(docA, 'a.json');
  return { ma, mb: loadModelTextLike(b, 'b.json', { doc: docA, model: ma }) };
};

describe('shapes lent at load (scan)', () => {
  it('the Smithy history: every transition gives the full result, and equal shapes are the same objects', () => {
    const dir = join(CORPUS, 'smithy');
    const files = readdirSync(dir)
      .filter((x) => /^\d{3}-.*\.json$/.test(x))
      .sort()
      .map((f) => readFileSync(join(dir, f), 'utf8'));
    let lent = 0;
    for (let i = 1; i < files.length; i++) {
      const { ma, mb } = lentPair(files[i - 1], files[i]);
      expect(JSON.stringify(diffModels(ma, mb)), `transition ${i}`).toBe(JSON.stringify(full(files[i - 1], files[i])));
      for (const [id, s] of mb.shapes) if (ma.shapes.get(id) === s && !id.startsWith('smithy.api#')) lent++;
    }
    expect(lent).toBeGreaterThan(0);
  });

  // A shape's loaded form depends on other shapes through mixins and `apply`: equal JSON is not enough there.
  const withMixin = (len: number, apply: boolean) =>
    JSON.stringify(
      miniModel({
        In: struct({ Name: member('Name') }),
        Base: { type: 'structure', members: { Tag: member('Tag') }, traits: { 'smithy.api#mixin': {} } },
        Name: { type: 'structure', members: {}, mixins: [{ target: `${NS}#Base` }] },
        Tag: str({ 'smithy.api#length': { max: len } }),
        ...(apply ? { In$Name: { type: 'apply', traits: { 'smithy.api#required': {} } } } : {}),
      }),
    );
  for (const [what, a, b] of [
    ['a mixin whose member changes', withMixin(10, false), withMixin(5, false)],
    ['an apply statement added', withMixin(10, false), withMixin(10, true)],
  ] as const) {
    it(`${what}: nothing is lent, the change is seen`, () => {
      const { ma, mb } = lentPair(a, b);
      const d = diffModels(ma, mb);
      expect(JSON.stringify(d)).toBe(JSON.stringify(full(a, b)));
      expect(d.summary.line).toMatch(/BREAKING:1/);
      expect(mb.shapes.get(`${NS}#Name`)).not.toBe(ma.shapes.get(`${NS}#Name`));
    });
  }

  // The second model's nesting check skips only lent shapes (the first model's check covered the same JSON).
  const nested = (depth: number) => {
    let v: unknown = 'x';
    for (let i = 0; i < depth; i++) v = [v];
    return v;
  };
  const plain = JSON.stringify(miniModel({ In: struct({ t: member('Tag') }), Tag: str({}) }));
  const deepIn = (where: 'shape' | 'metadata') => {
    const doc = JSON.parse(plain) as { shapes: Record<string, { traits: object }>; metadata?: object };
    if (where === 'shape') doc.shapes[`${NS}#Tag`].traits = { 'smithy.api#documentation': nested(300) };
    else doc.metadata = { deep: nested(300) };
    return JSON.stringify(doc);
  };
  for (const where of ['shape', 'metadata'] as const) {
    it(`a second model nested too deep in a ${where} is refused as loadModelText refuses it`, () => {
      const b = deepIn(where);
      const docA = JSON.parse(plain) as unknown;
      const like = { doc: docA, model: loadModelDoc(docA, 'b.json') };
      expect(() => loadModelText(b, 'b.json')).toThrow(/nested more than 256 levels deep/);
      const fullError = (() => {
        try {
          loadModelText(b, 'b.json');
        } catch (e) {
          return (e as Error).message;
        }
      })();
      expect(() => loadModelTextLike(b, 'b.json', like)).toThrow(fullError);
    });
  }

  it('a document whose root closure is equal on both sides is one stub for both; a changed one is built', () => {
    // Op's error E changes; its input does not. The error body is built on each side, the input is one object.
    const m = (len: number) =>
      miniModel(
        {
          In: struct({ t: member('Tag') }),
          Tag: str({}),
          E: { ...struct({ m: member('Msg') }), traits: { 'smithy.api#error': 'client' } },
          Msg: str({ 'smithy.api#length': { max: len } }),
        },
        { errors: ['E'] },
      );
    const [ja, jb] = [JSON.stringify(m(10)), JSON.stringify(m(5))];
    const { ma, mb } = lentPair(ja, jb);
    const plan = changedTools(ma, mb)!;
    expect([...plan.changed]).toEqual(['Op']);
    const share: SchemaShare = { noFingerprints: true, oneDefs: true, stubs: new Map(), clean: plan.clean };
    const [ta] = buildTools(ma, plan.changed, share);
    const [tb] = buildTools(mb, plan.changed, share);
    expect(tb.input).toBe(ta.input);
    expect(tb.errors[0].schema).not.toBe(ta.errors[0].schema);
    expect(JSON.stringify(diffModels(ma, mb))).toBe(JSON.stringify(full(ja, jb)));
    expect(diffModels(ma, mb).summary.line).toBe('1 tools ADDITIVE:1 residual 0%');
  });

  it('a place rooted at another shape on the other side compares both bodies, never two stubs', () => {
    // Op2 reaches Other, so it is clean (its closure is equal on both sides) and would be a stub; Op is retargeted.
    // With `elsewhere`, an error of Op's error's short name in another namespace: short names clash, so no side
    // has stubs at all (oneDefs needs unique names), and the error compares body against body.
    const base = (elsewhere: boolean) => {
      const doc = miniModel(
        {
          In: struct({ a: member('Tag') }),
          Other: struct({ b: member('Tag', REQ), c: member('Tag') }),
          Tag: str(),
          E: { ...struct({ m: member('Tag') }), traits: { 'smithy.api#error': 'client' } },
          Op2: { type: 'operation', input: { target: `${NS}#Other` } },
        },
        { errors: ['E'] },
      ) as { shapes: Record<string, Record<string, unknown>> };
      if (elsewhere) {
        doc.shapes['ex.other#E'] = { ...struct({ n: member('Tag', REQ) }), traits: { 'smithy.api#error': 'server' } };
        doc.shapes[`${NS}#Op2`].errors = [{ target: 'ex.other#E' }];
      }
      (doc.shapes[`${NS}#Svc`].operations as unknown[]).push({ target: `${NS}#Op2` });
      return doc;
    };
    type Doc = ReturnType<typeof base>;
    const op = (d: Doc) => d.shapes[`${NS}#Op`];
    const variants: [string, boolean, (d: Doc) => void][] = [
      ['input', false, (d) => (op(d).input = { target: `${NS}#Other` })],
      ['output', false, (d) => (op(d).output = { target: `${NS}#Other` })],
      ['no input', false, (d) => delete op(d).input],
      ['an error of the same name elsewhere', true, (d) => (op(d).errors = [{ target: 'ex.other#E' }])],
    ];
    for (const [name, elsewhere, change] of variants) {
      const b = base(elsewhere);
      change(b);
      for (const [ja, jb] of [
        [JSON.stringify(base(elsewhere)), JSON.stringify(b)],
        [JSON.stringify(b), JSON.stringify(base(elsewhere))],
      ]) {
        const want = full(ja, jb);
        expect(want.tools.find((t) => t.name === 'Op')!.class, name).not.toBe('CLEAN');
        const { ma, mb } = lentPair(ja, jb);
        expect(JSON.stringify(diffModels(ma, mb)), name).toBe(JSON.stringify(want));
        expect(JSON.stringify(fast(ja, jb)), name).toBe(JSON.stringify(want));
      }
    }
  });
});

/**
 * A seeded structural edit of a Smithy model, of kinds the catalog's mutation never makes: an operation's input or
 * output, a member's or a list's target retargeted to another existing shape, two inputs swapped, errors replaced,
 * a member renamed, requiredness flipped, a definition's docs changed, a member made sensitive or given a JSON
 * name, an error's fault flipped, an operation made read-only, a list's length bounded, a structure renamed.
 * One to three per model.
 */
function graphEdit(text: string, seed: number): { doc: string; log: string[] } {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: T[]): T | undefined => (xs.length ? xs[Math.floor(rnd() * xs.length)] : undefined);
  const doc = JSON.parse(text) as { shapes: Record<string, Record<string, any>> };
  const S = doc.shapes;
  const ids = Object.keys(S);
  const of = (t: string) => ids.filter((i) => S[i].type === t);
  const [ops, structs, lists] = [of('operation'), of('structure'), of('list')];
  const data = ids.filter((i) => !['service', 'operation', 'resource'].includes(S[i].type));
  const errors = structs.filter((i) => S[i].traits?.['smithy.api#error']);
  const log: string[] = [];
  const memberOf = (): [string, string] | undefined => {
    const s = pick(structs.filter((i) => Object.keys(S[i].members ?? {}).length));
    return s ? [s, pick(Object.keys(S[s].members))!] : undefined;
  };
  const traitsOf = (id: string) => (S[id].traits ??= {});
  for (let n = 1 + Math.floor(rnd() * 3); n > 0; n--) {
    const kind = Math.floor(rnd() * 15);
    const [o, o2, st, l, m, e] = [pick(ops), pick(ops), pick(structs), pick(lists), memberOf(), pick(errors)];
    if (kind === 0 && o && st) S[o].input = { target: st };
    else if (kind === 1 && o && st) S[o].output = { target: st };
    else if (kind === 2 && m) S[m[0]].members[m[1]].target = pick(data);
    else if (kind === 3 && l) S[l].member.target = pick(data);
    else if (kind === 4 && o && e) S[o].errors = [{ target: e }];
    else if (kind === 5 && m) {
      const v = S[m[0]].members[m[1]];
      delete S[m[0]].members[m[1]];
      S[m[0]].members[`${m[1]}X`] = v;
    } else if (kind === 6 && st) S[st].traits = { ...S[st].traits, 'smithy.api#documentation': 'Must not exceed 5.' };
    else if (kind === 7 && o && o2) [S[o].input, S[o2].input] = [S[o2].input, S[o].input];
    else if (kind === 8 && m) {
      const t = (S[m[0]].members[m[1]].traits ??= {});
      if (t['smithy.api#required']) delete t['smithy.api#required'];
      else t['smithy.api#required'] = {};
    } else if (kind === 9 && m) (S[m[0]].members[m[1]].traits ??= {})['smithy.api#sensitive'] = {};
    else if (kind === 10 && m) (S[m[0]].members[m[1]].traits ??= {})['smithy.api#jsonName'] = `x${m[1]}`;
    else if (kind === 11 && e)
      traitsOf(e)['smithy.api#error'] = S[e].traits['smithy.api#error'] === 'server' ? 'client' : 'server';
    else if (kind === 12 && o) traitsOf(o)['smithy.api#readonly'] = {};
    else if (kind === 13 && l) traitsOf(l)['smithy.api#length'] = { min: 1, max: 3 };
    else if (kind === 14 && st && !S[st].traits?.['smithy.api#error']) {
      // A structure renamed: every reference follows (a pure rename changes no wire contract).
      S[`${st}Renamed`] = S[st];
      delete S[st];
      for (const v of Object.values(S))
        for (const r of [
          v.input,
          v.output,
          v.member,
          v.key,
          v.value,
          ...Object.values(v.members ?? {}),
          ...(v.errors ?? []),
        ])
          if (r?.target === st) r.target = `${st}Renamed`;
      ids.splice(ids.indexOf(st), 1);
      structs.splice(structs.indexOf(st), 1);
    } else continue;
    log.push(`${kind}`);
  }
  return { doc: JSON.stringify(doc), log };
}

describe('a lent definition under a member that restates its keyword', () => {
  it('a member of a sensitive map made sensitive itself is no change, on the fast path as on the full one', () => {
    const m = (memberTraits: Record<string, unknown>) =>
      JSON.stringify(
        miniModel({
          Tags: {
            type: 'map',
            key: member('smithy.api#String'),
            value: member('smithy.api#String'),
            traits: { 'smithy.api#sensitive': {} },
          },
          Out: struct({ tags: member('Tags', memberTraits), n: member('Name') }),
          Name: str(),
        }),
      );
    // The second change (Name's length) makes Op a changed tool, so its documents are built and walked.
    const [ja, jb] = [
      m({}),
      m({ 'smithy.api#sensitive': {} }).replace(
        '"type":"string","traits":{}',
        '"type":"string","traits":{"smithy.api#length":{"max":5}}',
      ),
    ];
    const want = full(ja, jb);
    expect(want.tools[0].changes.map((c) => c.rule)).toEqual(['output.constraint.tightened']);
    const { ma, mb } = lentPair(ja, jb);
    expect(JSON.stringify(diffModels(ma, mb))).toBe(JSON.stringify(want));
    expect(JSON.stringify(fast(ja, jb))).toBe(JSON.stringify(want));
  });
});

describe('random graph edits of real models', () => {
  const models = [
    ...readdirSync(join(FIX, 'catalog')).map((f) => join(FIX, 'catalog', f)),
    join(CORPUS, 'smithy', '018-2026-02-26-3837cd30a.json'),
  ];
  for (const file of models) {
    it(`${file.split('/').pop()}: the fast path (lent or not) equals the full pipeline, unseen included`, () => {
      const text = readFileSync(file, 'utf8');
      for (let seed = 1; seed <= 12; seed++) {
        const { doc, log } = graphEdit(text, seed * 7919 + file.length);
        for (const [ja, jb] of [
          [text, doc],
          [doc, text],
        ]) {
          const want = JSON.stringify(full(ja, jb));
          const { ma, mb } = lentPair(ja, jb);
          expect(JSON.stringify(diffModels(ma, mb)), `seed ${seed}, edits ${log}`).toBe(want);
          expect(JSON.stringify(fast(ja, jb)), `seed ${seed}, edits ${log}`).toBe(want);
        }
      }
    });
  }
});

describe('time by phase (what `npm run bench` reports for the catalog)', () => {
  it('a scan with laps times all six phases of the comparison, within its own time, and finds the same', () => {
    const file = readdirSync(join(FIX, 'catalog')).map((f) => join(FIX, 'catalog', f))[0];
    const root = join(FIX, 'catalog');
    const laps: Record<string, number> = {};
    const timed = scanOne(file, { root, mutate: true, laps });
    expect(Object.keys(laps).sort()).toEqual(['load', 'parse', 'plan', 'rules', 'schemas', 'unseen']);
    for (const ms of Object.values(laps)) expect(ms).toBeGreaterThanOrEqual(0);
    expect(Object.values(laps).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(timed.ms);
    const plain = scanOne(file, { root, mutate: true });
    expect(timed.line).toBe(plain.line);
    expect(timed.compared).toBe(true);
  });
});
