import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';

const require = createRequire(import.meta.url);

/** Our schema annotations: registered so ajv strict mode accepts them as a known vocabulary. */
export const SPECWATCH_KEYWORDS = [
  'x-union',
  'x-sparse',
  'x-sensitive',
  'x-streaming',
  'x-timestampFormat',
  'x-smithyType',
  'x-document',
  'x-idempotencyToken',
  'x-jsonName',
  'x-xmlName',
  'x-xmlFlattened',
  'x-xmlAttribute',
  'x-ec2QueryName',
  'x-http',
  'x-addedDefault',
  'x-clientOptional',
  'x-deprecatedInfo',
  'x-minBytes',
  'x-maxBytes',
  'x-targetDescription',
];

export type Ajv = Ajv2020;

/**
 * Patterns as Smithy writes them: ECMA-262 without the u flag (some AWS patterns are invalid with it). A
 * pattern that is valid only with it — DynamoDB writes astral ranges as surrogate pairs,
 * `[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF]` — is read with it rather than left uncompilable.
 */
export function patternRegExp(pattern: string, flags = ''): RegExp {
  try {
    return new RegExp(pattern, flags);
  } catch (e) {
    if (flags.includes('u')) throw e;
    return new RegExp(pattern, flags + 'u');
  }
}
const regExp = Object.assign((pattern: string, u: string) => patternRegExp(pattern, u), { code: 'patternRegExp' });

/** A strict draft 2020-12 ajv with formats and our vocabulary. Loaded lazily: ajv is heavy. */
export function createAjv(opts: { allErrors?: boolean; validateSchema?: boolean } = {}): Ajv2020 {
  const mod = require('ajv/dist/2020.js');
  const Ctor = (mod.default ?? mod) as new (o: object) => Ajv2020;
  const fm = require('ajv-formats');
  const addFormats = (fm.default ?? fm) as (a: Ajv2020) => void;
  // unicodeRegExp off: Smithy patterns are ECMA-262 without the u flag; some AWS patterns are invalid with it.
  // validateSchema false is for our own static schemas (the config's): checking them against the meta-schema
  // compiles the meta-schema, a third of a CLI start. Model-derived schemas are always checked.
  const ajv = new Ctor({
    strict: true,
    allErrors: opts.allErrors ?? true,
    unicodeRegExp: false,
    code: { regExp },
    validateFormats: true,
    validateSchema: opts.validateSchema ?? true,
  });
  addFormats(ajv);
  ajv.addVocabulary(SPECWATCH_KEYWORDS);
  return ajv;
}
