import { describe, expect, it } from 'vitest';
import { allChanges, diffModels, member, miniModel, struct } from '../mini.js';

/** Behavioural documentation: facts that a doc edit adds, removes or alters make the tool RISKY. */
const doc = (d: string) => ({ 'smithy.api#documentation': d });
const op = (opDoc: string, memberDoc = 'The time of the event.') =>
  miniModel(
    { In: struct({ Timestamp: member('smithy.api#Timestamp', doc(memberDoc)) }), Out: struct({}) },
    { opTraits: doc(opDoc) },
  );
const rules = (a: unknown, b: unknown) => allChanges(diffModels(a, b)).map((c) => [c.rule, c.class]);
const facts = (a: unknown, b: unknown) =>
  allChanges(diffModels(a, b))
    .flatMap((c) => c.facts ?? [])
    .map((f) => [f.path, f.before, f.after]);

describe('behaviour-docs family', () => {
  it('a changed window is tool.doc.behaviour-changed (RISKY), with the facts before and after', () => {
    const a = op("<p>Usage records aren't accepted 6 hours or more after an event.</p>");
    const b = op("<p>Usage records aren't accepted 24 hours or more after an event.</p>");
    expect(rules(a, b)).toEqual([
      ['tool.doc.behaviour-changed', 'RISKY'],
      ['tool.doc.changed', 'DOC'],
    ]);
    expect(facts(a, b)).toEqual([['Op', '6 hours', '24 hours']]);
    expect(allChanges(diffModels(a, b))[0].message).toBe('documented behaviour changed: "6 hours" → "24 hours" (Op)');
    expect(diffModels(a, b).summary.line).toBe('1 tools RISKY:1 residual 0%');
  });
  it('number words, member docs: "six hours" → "24 hours" where the definition documents it', () => {
    const a = op('Meters usage.', 'You can meter usage for up to six hours in the past.');
    const b = op('Meters usage.', 'You can meter usage for up to 24 hours in the past.');
    expect(facts(a, b)).toEqual([['#In.Timestamp', '6 hours', '24 hours']]);
  });
  it('rewording that keeps every fact stays DOC', () => {
    const a = op('<p>Records are not accepted 6 hours after an event. You must send a ClientToken.</p>');
    const b = op(
      '<p>Records from an event are not accepted when they arrive 6 hours later. With each request, you' +
        ' must always send a ClientToken.</p>',
    );
    expect(rules(a, b)).toEqual([['tool.doc.changed', 'DOC']]);
  });
  it('a new "not supported" statement is a requirement added', () => {
    const a = op('<p>Reports usage.</p>');
    const b = op(
      '<p>Reports usage. <code>Op</code> does not support <code>CustomerIdentifier</code> for new integrations.</p>',
    );
    expect(facts(a, b)).toEqual([['Op', null, 'not supported: CustomerIdentifier']]);
    expect(rules(a, b)[0]).toEqual(['tool.doc.behaviour-changed', 'RISKY']);
  });
  it('dates and errors named in prose are facts; examples and IAM boilerplate are not', () => {
    expect(facts(op('Starting June 1, 2026, it changes.'), op('Starting July 1, 2026, it changes.'))).toEqual([
      ['Op', '2026-06-01', '2026-07-01'],
    ]);
    expect(facts(op('Returns an error.'), op('Returns a TimestampOutOfBoundsException error.'))).toEqual([
      ['Op', null, 'TimestampOutOfBoundsException'],
    ]);
    expect(
      rules(op('Bills tasks.'), op('Bills tasks. For example, a 10 node cluster is charged for 10 tasks.')),
    ).toEqual([['tool.doc.changed', 'DOC']]);
    expect(rules(op('Resolves.'), op('Resolves. Requires permission to access the Op action.'))).toEqual([
      ['tool.doc.changed', 'DOC'],
    ]);
  });
  it('a fact removed is reported as removed', () => {
    expect(facts(op('Each request must be less than 1MB in size.'), op('Each request is small.'))).toEqual([
      ['Op', '1 MB', null],
      ['Op', 'must', null],
    ]);
  });
});
