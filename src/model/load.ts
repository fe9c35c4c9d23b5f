import { InputError, isObj } from '../util/errors.js';
import { getOwn } from '../util/own.js';
import { checkDepth, MAX_JSON_DEPTH, parseJsonText } from '../util/json.js';
import { lap, lapStart, type Laps } from '../util/laps.js';
import { loadAwsJson } from './awsjson.js';
import { checkShapeDepth } from './depth.js';
import { lendable, loadSmithy, type LoadedDoc } from './smithy.js';
import type { ServiceModel } from './types.js';

export type DetectedFormat = 'smithy' | 'aws-json' | 'snapshot';

/** Decides the format from the content, never from the file name. */
export function detectFormat(doc: unknown, file: string): DetectedFormat {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new InputError(
      file,
      '$',
      `expected a JSON object, got ${Array.isArray(doc) ? 'an array' : doc === null ? 'null' : typeof doc}`,
    );
  }
  const d = doc as Record<string, unknown>;
  if ('smithy' in d) return 'smithy';
  if ('specwatchSnapshot' in d) return 'snapshot';
  if ('metadata' in d && 'operations' in d) return 'aws-json';
  throw new InputError(
    file,
    '$',
    'not a service model: expected a Smithy JSON AST ("smithy", "shapes") or an AWS JSON model ("metadata", ' +
      '"operations", "shapes")',
  );
}

/** `like`: the other side of a comparison, whose equal shapes this model may share (see loadSmithy). */
export function loadModelDoc(doc: unknown, file: string, serviceHint?: string, like?: LoadedDoc): ServiceModel {
  const fmt = detectFormat(doc, file);
  if (fmt === 'snapshot') throw new InputError(file, '$', 'this is a snapshot, not a raw model');
  const model =
    fmt === 'smithy'
      ? loadSmithy(doc as Record<string, unknown>, file, serviceHint, like)
      : loadAwsJson(doc as Record<string, unknown>, file);
  checkShapeDepth(model);
  return model;
}

export function loadModelText(text: string, file: string, serviceHint?: string): ServiceModel {
  return loadModelDoc(parseJsonText(text, file), file, serviceHint);
}

/**
 * The second model of a comparison, from its text: shapes whose JSON equals the first model's take its loaded
 * shapes (see loadSmithy), and the nesting check skips them, as the first model's check covered the same JSON
 * at the same depth. Errors are those loadModelText gives, in the same order.
 */
export function loadModelTextLike(text: string, file: string, like: LoadedDoc, laps?: Laps): ServiceModel {
  const t0 = lapStart(laps);
  const doc = parseJsonText(text, file, { depth: false });
  const t1 = lap(laps, 'parse', t0);
  const lent = isObj(doc) && 'smithy' in doc ? lendable(doc, like) : null;
  const shapes = lent ? (doc as { shapes: Record<string, object> }).shapes : {};
  checkDepth(doc, file, MAX_JSON_DEPTH, lent ? new Set([...lent.keys()].map((id) => getOwn(shapes, id)!)) : undefined);
  const model = loadModelDoc(doc, file, undefined, { ...like, lent });
  lap(laps, 'load', t1);
  return model;
}
