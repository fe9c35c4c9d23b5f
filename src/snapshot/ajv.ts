import { createRequire } from 'node:module';
import type { default as Ajv2020Type } from 'ajv/dist/2020.js';

const require = createRequire(import.meta.url);

/** Our schema annotations: registered so ajv strict mode accepts them as a known vocabulary. */
export const SPECWATCH_KEYWORDS = [
  'x-union', 'x-sparse', 'x-sensitive', 'x-streaming', 'x-timestampFormat', 'x-smithyType', 'x-document',
  'x-idempotencyToken', 'x-jsonName', 'x-http', 'x-addedDefault', 'x-clientOptional', 'x-deprecatedInfo',
  'x-minBytes', 'x-maxBytes',
];

/** A strict draft 2020-12 ajv with formats and our vocabulary. Loaded lazily: ajv is heavy. */
export function createAjv(opts: { allErrors?: boolean } = {}): Ajv2020Type {
  const Ajv2020 = require('ajv/dist/2020.js').default as typeof Ajv2020Type;
  const addFormats = require('ajv-formats').default ?? require('ajv-formats');
  // unicodeRegExp off: Smithy patterns are ECMA-262 without the u flag; some AWS patterns are invalid with it.
  const ajv = new Ajv2020({ strict: true, allErrors: opts.allErrors ?? true, unicodeRegExp: false, validateFormats: true });
  addFormats(ajv);
  ajv.addVocabulary(SPECWATCH_KEYWORDS);
  return ajv;
}
