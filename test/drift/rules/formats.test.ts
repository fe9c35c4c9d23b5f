import { describe, expect, it } from 'vitest';
import { diffModels, member, miniModel, rulesOf, struct } from '../mini.js';

describe('formats family', () => {
  it('timestamp format change breaks both sides', () => {
    const m = (f?: string) =>
      miniModel({
        In: struct({ t: member('T') }),
        Out: struct({}),
        T: { type: 'timestamp', traits: f ? { 'smithy.api#timestampFormat': f } : {} },
      });
    const d = diffModels(m(), m('date-time'));
    expect(rulesOf(d)).toEqual(['input.timestamp.format-changed']);
    expect(d.tools[0].class).toBe('BREAKING');
  });
  it('streaming blob', () => {
    const m = (s: boolean) =>
      miniModel({
        In: struct({}),
        Out: struct({ b: member('B') }),
        B: { type: 'blob', traits: s ? { 'smithy.api#streaming': {} } : {} },
      });
    expect(rulesOf(diffModels(m(false), m(true)))).toEqual(['output.blob.streaming-changed']);
  });
  it('media type', () => {
    const m = (t: string) =>
      miniModel({
        In: struct({ s: member('S') }),
        Out: struct({}),
        S: { type: 'string', traits: { 'smithy.api#mediaType': t } },
      });
    expect(rulesOf(diffModels(m('application/json'), m('text/plain')))).toEqual(['input.string.media-type-changed']);
  });
});
