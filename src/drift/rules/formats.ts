import type { NodeRuleFamily } from '../types.js';
import { fmt, mirror } from './helpers.js';

/** Wire encodings: timestamp format, streaming, media type. Any change breaks serialization. */
export const formats: NodeRuleFamily = {
  name: 'formats',
  keywords: ['x-timestampFormat', 'format', 'x-streaming', 'contentMediaType'],
  rules: [
    ...mirror('timestamp', 'format-changed', 'BREAKING', 'BREAKING', 'the timestamp format changed'),
    ...mirror('blob', 'streaming-changed', 'BREAKING', 'BREAKING', 'streaming was added or removed'),
    ...mirror('string', 'media-type-changed', 'RISKY', 'RISKY', 'the media type changed'),
  ],
  detect(ctx) {
    const d = ctx.dir;
    if (ctx.diffKeys.has('x-timestampFormat') || ctx.diffKeys.has('format')) {
      ctx.explain('x-timestampFormat', 'format', 'type'); // epoch-seconds is a number, the others strings
      ctx.emit(
        `${d}.timestamp.format-changed`,
        `timestamp format ${fmt(ctx.old['x-timestampFormat'])} → ${fmt(ctx.new['x-timestampFormat'])}`,
      );
    }
    if (ctx.diffKeys.has('x-streaming')) {
      ctx.explain('x-streaming');
      ctx.emit(`${d}.blob.streaming-changed`, ctx.new['x-streaming'] ? 'now streaming' : 'no longer streaming');
    }
    if (ctx.diffKeys.has('contentMediaType')) {
      ctx.explain('contentMediaType');
      ctx.emit(
        `${d}.string.media-type-changed`,
        `media type ${fmt(ctx.old.contentMediaType)} → ${fmt(ctx.new.contentMediaType)}`,
      );
    }
  },
};
