import { describe, expect, it } from 'vitest';
import { allChanges, diffModels, member, miniModel, struct } from '../mini.js';

const m = (name: string, protocol: string) =>
  miniModel(
    { In: struct({ a: member('smithy.api#String', { 'smithy.api#jsonName': name }) }), Out: struct({}) },
    { protocol },
  );

describe('wire-names family', () => {
  it('jsonName is metadata on awsJson1_1 (DOC)', () => {
    expect(
      allChanges(diffModels(m('a', 'aws.protocols#awsJson1_1'), m('b', 'aws.protocols#awsJson1_1'))).map((c) => [
        c.rule,
        c.class,
      ]),
    ).toEqual([['input.wire-name.changed-unused', 'DOC']]);
  });
  it('jsonName breaks the wire on restJson1', () => {
    expect(
      allChanges(diffModels(m('a', 'aws.protocols#restJson1'), m('b', 'aws.protocols#restJson1'))).map((c) => [
        c.rule,
        c.class,
      ]),
    ).toEqual([['input.wire-name.changed', 'BREAKING']]);
  });
  it('jsonName is metadata on restXml (XML names come from xmlName); an HTTP header name is not', () => {
    const rows = (a: Record<string, unknown>, b: Record<string, unknown>) => {
      const x = (traits: Record<string, unknown>) =>
        miniModel(
          { In: struct({ a: member('smithy.api#String', traits) }), Out: struct({}) },
          { protocol: 'aws.protocols#restXml' },
        );
      return allChanges(diffModels(x(a), x(b))).map((c) => [c.rule, c.class]);
    };
    expect(rows({ 'smithy.api#jsonName': 'a' }, { 'smithy.api#jsonName': 'b' })).toEqual([
      ['input.wire-name.changed-unused', 'DOC'],
    ]);
    expect(rows({ 'smithy.api#httpHeader': 'x-a' }, { 'smithy.api#httpHeader': 'x-b' })).toEqual([
      ['input.wire-name.changed', 'BREAKING'],
    ]);
    // Both at once: each judged by what the protocol reads.
    expect(
      rows(
        { 'smithy.api#jsonName': 'a', 'smithy.api#httpHeader': 'x-a' },
        { 'smithy.api#jsonName': 'b', 'smithy.api#httpHeader': 'x-b' },
      ).sort(),
    ).toEqual([
      ['input.wire-name.changed', 'BREAKING'],
      ['input.wire-name.changed-unused', 'DOC'],
    ]);
  });
});
