import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadModelText } from '../model/load.js';
import type { ServiceModel } from '../model/types.js';
import { FileReadError, readRegularFile } from '../util/files.js';
import { redactText, redactUrl } from '../util/redact.js';
import { FetchError } from './errors.js';
import { httpGet, type HttpOptions } from './http.js';
import { sha256 } from '../util/canonical.js';

export interface SourceSpec {
  name: string;
  url?: string;
  path?: string;
}

/** What the fetched model must be: the pack's service (a Smithy shape id), when the config names it. */
export interface SourceExpect {
  service?: string;
  /**
   * The sha256 of the current version's bytes: bytes that hash the same were checked when they were
   * recorded, so they are not parsed again (model null). A quiet night costs the fetch and a hash.
   */
  knownSha?: string | null;
}

export type SourceResult =
  | {
      status: 'ok';
      name: string;
      kind: 'url' | 'file';
      location: string;
      bytes: Buffer;
      /** Null when the bytes are the current version's (see SourceExpect.knownSha). */
      model: ServiceModel | null;
      etag: string | null;
      lastModified: string | null;
    }
  | {
      status: 'not-modified';
      name: string;
      kind: 'url';
      location: string;
      etag: string | null;
      lastModified: string | null;
    };

/** A folder source: its newest model file (names sort by version or date). */
function pickFile(path: string): string {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw new FetchError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code})`);
  }
  if (!st.isDirectory()) return path;
  const files = readdirSync(path)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (!files.length) throw new FetchError(`${path}: folder has no .json model`);
  return join(path, files[files.length - 1]);
}

/**
 * Checks before anything is stored: JSON, not an HTML error page, a loadable service model, and
 * the pack's service (a model of another service is never recorded as a version of this pack).
 * The check failing is a failed fetch (with the reason), not a new version.
 */
export function checkModelBytes(
  bytes: Buffer,
  location: string,
  contentType = '',
  expect: SourceExpect = {},
): ServiceModel | null {
  if (expect.knownSha && bytes.length && sha256(bytes) === expect.knownSha) return null;
  const head = bytes.subarray(0, 512).toString('utf8').trimStart();
  if (/text\/html/i.test(contentType) || /^<(!doctype|html)/i.test(head)) {
    throw new FetchError(`${location}: got an HTML page, not a JSON model`);
  }
  if (!bytes.length) throw new FetchError(`${location}: empty body`);
  try {
    return loadModelText(bytes.toString('utf8'), location, expect.service);
  } catch (e) {
    throw new FetchError((e as Error).message);
  }
}

/** Fetches one source. `location` is what may be recorded and printed: never a password or token. */
export async function fetchSource(
  src: SourceSpec,
  http: HttpOptions,
  root: string,
  expect: SourceExpect = {},
): Promise<SourceResult> {
  if (src.path) {
    const file = pickFile(resolve(root, src.path));
    let bytes: Buffer;
    try {
      bytes = readRegularFile(file, http.maxBytes);
    } catch (e) {
      if (e instanceof FileReadError) throw new FetchError(e.message);
      throw e;
    }
    const model = checkModelBytes(bytes, file, '', expect);
    return { status: 'ok', name: src.name, kind: 'file', location: file, bytes, model, etag: null, lastModified: null };
  }
  const url = src.url!;
  const location = redactUrl(url);
  let r;
  try {
    r = await httpGet(url, http);
  } catch (e) {
    if (e instanceof FetchError) throw new FetchError(redactText(e.message), e.retryable);
    throw e;
  }
  const seen = { name: src.name, kind: 'url' as const, location, etag: r.etag, lastModified: r.lastModified };
  if (r.status === 'not-modified') return { status: 'not-modified', ...seen };
  return { status: 'ok', ...seen, bytes: r.bytes, model: checkModelBytes(r.bytes, location, r.contentType, expect) };
}
