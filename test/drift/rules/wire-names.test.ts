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
});
