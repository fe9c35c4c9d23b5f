import { afterEach, describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/drift/engine.js';
import { NODE_FAMILIES } from '../../src/drift/rules/registry.js';
import { unseenPaths } from '../../src/drift/unseen.js';
import type { NodeCtx } from '../../src/drift/types.js';
import { member, miniModel, REQ, snapOf, str, struct } from './mini.js';

const model = (pattern: string, docs = 'A name.') =>
  miniModel({
    Name: str({ 'smithy.api#pattern': pattern, 'smithy.api#documentation': docs }),
    In: struct({ n: member('Name') }),
    Out: struct({ n: member('Name') }),
  });

/** The Op of a mini model renamed `service` (its paths start like the service's own facts). */
const named = (doc: unknown) => JSON.parse(JSON.stringify(doc).replaceAll('ex.mini#Op"', 'ex.mini#service"'));

/** A broken rule set: one family that marks every differing keyword explained and reports nothing. */
function explainEverything(...keywords: string[]): void {
  const family = { ...NODE_FAMILIES[0], keywords, detect: (ctx: NodeCtx) => ctx.explain(...ctx.diffKeys) };
  NODE_FAMILIES.splice(0, NODE_FAMILIES.length, family);
}

const saved = [...NODE_FAMILIES];
afterEach(() => {
  NODE_FAMILIES.splice(0, NODE_FAMILIES.length, ...saved);
});

describe('unseen: wire changes that no finding covers', () => {
  it('is 0 when the rules explain the change', () => {
    const d = diffSnapshots(snapOf(model('^[a-z]+$')), snapOf(model('^[a-z0-9]+$')));
    expect(d.summary.unseen).toBe(0);
    expect(d.summary.line).not.toMatch(/unseen/);
  });

  it('counts a change a rule explained away wrongly (residual stays 0) and shows it in the summary line', () => {
    const i = NODE_FAMILIES.findIndex((f) => f.name === 'patterns');
    // A broken patterns rule: it marks the change explained and reports nothing.
    NODE_FAMILIES[i] = { ...NODE_FAMILIES[i], detect: (ctx) => ctx.explain('pattern') };
    const d = diffSnapshots(snapOf(model('^[a-z]+$')), snapOf(model('^[a-z0-9]+$')));
    expect(d.summary.residual).toBe(0);
    expect(d.unseen).toEqual(['Op.input.n', 'Op.output.n']);
    expect(d.summary.line).toMatch(/ unseen 2$/);
  });

  it('across formats, pattern anchors are a format artifact for unseen too (as for the patterns rule)', () => {
    const a = snapOf(model('^[a-z]+$'));
    const b = snapOf(model('[a-z]+'));
    expect(unseenPaths(a, b, [], true)).toEqual([]);
    expect(diffSnapshots(a, b, { crossFormat: true }).summary.line).toBe('1 tools CLEAN:1 residual 0%');
    // Within one format the same edit loosens the pattern: the rule reports it, and unseen sees it.
    expect(unseenPaths(a, b, [], false)).toEqual(['Op.input.n', 'Op.output.n']);
  });

  it('with no findings at all, every changed path is unseen — docs included', () => {
    const a = snapOf(model('^[a-z]+$'));
    const b = snapOf(model('^[a-z0-9]+$', 'A different name.'));
    expect(unseenPaths(a, b, [], false)).toEqual(['Op.input.n', 'Op.input.n#doc', 'Op.output.n', 'Op.output.n#doc']);
  });

  it("a tool's traits, docs and error facts (code, fault, status; an error only one side lists) are seen", () => {
    const err = (status: number, fault: string) =>
      struct({}, { 'smithy.api#error': fault, 'smithy.api#httpError': status });
    const a = miniModel(
      { Gone: err(404, 'client'), Busy: err(503, 'server'), Same: err(400, 'client') },
      { errors: ['Gone', 'Busy', 'Same'], opTraits: { 'smithy.api#documentation': 'Old.' } },
    );
    const b = miniModel(
      { Busy: err(500, 'client'), Same: err(400, 'client'), New: err(409, 'client') },
      {
        errors: ['Busy', 'Same', 'New'],
        opTraits: { 'smithy.api#documentation': 'New.', 'smithy.api#idempotent': {} },
      },
    );
    expect(unseenPaths(snapOf(a), snapOf(b), [], false)).toEqual([
      'Op#doc',
      'Op.errors.Busy#fault',
      'Op.errors.Busy#status',
      'Op.errors.Gone',
      'Op.errors.Gone#error',
      'Op.errors.Gone#fault',
      'Op.errors.Gone#status',
      'Op.errors.New',
      'Op.errors.New#error',
      'Op.errors.New#fault',
      'Op.errors.New#status',
      'Op.traits',
    ]);
  });

  it('a tool named `service` is a tool: an error only one side lists is seen with its facts', () => {
    const err = struct({}, { 'smithy.api#error': 'client', 'smithy.api#httpError': 409 });
    const a = named(miniModel({ New: err }));
    const b = named(miniModel({ New: err }, { errors: ['New'] }));
    expect(snapOf(b).tools.map((t) => t.name)).toEqual(['service']);
    expect(unseenPaths(snapOf(a), snapOf(b), [], false)).toEqual([
      'service.errors.New',
      'service.errors.New#error',
      'service.errors.New#fault',
      'service.errors.New#status',
    ]);
  });

  it("findings of a tool named `service` do not cover the service's own facts, nor the reverse", () => {
    const docs = (svc: string, op: string) =>
      named(
        miniModel({}, { svcTraits: { 'smithy.api#documentation': svc }, opTraits: { 'smithy.api#documentation': op } }),
      );
    const [a, b] = [snapOf(docs('Old service.', 'Old tool.')), snapOf(docs('New service.', 'New tool.'))];
    const d = diffSnapshots(a, b);
    const all = [...d.service.changes, ...d.tools.flatMap((t) => t.changes)];
    const [ofService, ofTool] = [
      all.filter((c) => c.direction === 'service'),
      all.filter((c) => c.direction !== 'service'),
    ];
    expect([ofService.map((c) => c.path), ofTool.map((c) => c.path)]).toEqual([
      ['service.documentation'],
      ['service.documentation'],
    ]);
    expect(d.unseen).toEqual([]);
    // Without the service's finding, the tool's finding (same path) does not hide the service's change …
    expect(unseenPaths(a, b, ofTool, false)).toEqual(['service.documentation']);
    // … and without the tool's finding, the service's does not hide the tool's.
    expect(unseenPaths(a, b, ofService, false)).toEqual(['service#doc']);
  });

  // `a` lists Things, `z` lists Recs. Retargeting `a`'s list to Rec moves Rec's first place in the root from `z[]`
  // to `a[]` on one side only: `z[]` is then a first meeting on one side and a repeat on the other.
  const moved = (aItems: string, recTraits: Record<string, unknown> = {}) =>
    miniModel({
      In: struct({ a: member('As'), z: member('Zs') }),
      As: { type: 'list', member: member(aItems) },
      Zs: { type: 'list', member: member('Rec') },
      Thing: struct({ t: member('Name') }),
      Rec: struct({ r: member('Name') }, recTraits),
      Name: str(),
    });

  it('a definition whose first place moved is compared body with body: an unchanged place is not unseen', () => {
    const d = diffSnapshots(snapOf(moved('Thing')), snapOf(moved('Rec')));
    expect(d.tools[0].changes.map((c) => `${c.rule} ${c.path}`)).toEqual([
      'input.member.added-optional Op.input.a[].r',
      'input.member.removed Op.input.a[].t',
    ]);
    expect(d.unseen).toEqual([]);
    expect(diffSnapshots(snapOf(moved('Rec')), snapOf(moved('Thing'))).unseen).toEqual([]);
  });

  it('…and a change of that body is still seen where no rule reports it', () => {
    // A broken rule set: every difference is explained, nothing reported. Rec, now deprecated, differs at `z[]`
    // (body against body); comparing only what the two places state of their own would miss it.
    explainEverything('deprecated', 'properties');
    const d = diffSnapshots(snapOf(moved('Thing')), snapOf(moved('Rec', { 'smithy.api#deprecated': {} })));
    expect(d.summary.residual).toBe(0);
    expect(d.unseen).toContain('Op.input.z[]');
  });

  it('a list retargeted to a definition another member met first: both bodies are compared there', () => {
    // `failed` lists Errs, `successful` lists Oks; then `successful` lists Errs too. On the new side Err is a repeat
    // at `successful[]`, on the old side Ok is met first: the walk compares Ok with Err there, as the engine does.
    const lists = (ok: string) =>
      miniModel({
        In: struct({}),
        Out: struct({ failed: member('Fs'), successful: member('Ss') }),
        Fs: { type: 'list', member: member('Err') },
        Ss: { type: 'list', member: member(ok) },
        Err: struct({ id: member('Name', { 'smithy.api#documentation': 'The failed id.' }), code: member('Name') }),
        Ok: struct({ id: member('Name', { 'smithy.api#documentation': 'The id.' }), eventId: member('Name') }),
        Name: str(),
      });
    for (const [a, b] of [
      ['Ok', 'Err'],
      ['Err', 'Ok'],
    ]) {
      const d = diffSnapshots(snapOf(lists(a)), snapOf(lists(b)));
      expect(d.tools[0].changes.length).toBe(3); // code/eventId added and removed, the id's docs
      expect(d.unseen).toEqual([]);
    }
  });

  it('a member that closes a cycle states its own facts: a change there is seen, a new cycle hides nothing', () => {
    const cycle = (next: Record<string, unknown>, tags = 'Tag') =>
      miniModel({
        In: struct({ n: member('Node') }),
        Node: struct({ next: member('Node', next), tags: member(tags, { 'smithy.api#documentation': 'Tags.' }) }),
        Tag: struct({ k: member('Name') }, { 'smithy.api#documentation': 'A tag.' }),
        Name: str(),
      });
    // `tags` now closes a cycle back to the root: the engine compares Tag with In there; nothing else is unseen.
    const d = diffSnapshots(snapOf(cycle({})), snapOf(cycle({}, 'In')));
    expect(d.unseen).toEqual([]);
    expect(d.summary.line).toBe('1 tools BREAKING:1 residual 0%');
    // A broken rule set (every difference explained, nothing reported): `next`, inside the cycle, became required.
    explainEverything('required', 'properties');
    const e = diffSnapshots(snapOf(cycle({})), snapOf(cycle(REQ)));
    expect(e.summary.residual).toBe(0);
    expect(e.unseen).toEqual(['Op.input.n.next']);
  });
});
