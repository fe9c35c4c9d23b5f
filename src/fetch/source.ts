import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadModelText } from '../model/load.js';
import type { ServiceModel } from '../model/types.js';
import { FetchError } from './errors.js';
import { httpGet, type HttpOptions } from './http.js';

export interface SourceSpec { name: string; url?: string; path?: string }

export type SourceResult =
  | { status: 'ok'; name: string; kind: 'url' | 'file'; location: string; bytes: Buffer; model: ServiceModel; etag: string | null; lastModified: string | null }
  | { status: 'not-modified'; name: string; kind: 'url'; location: string; etag: string | null; lastModified: string | null };

/** A folder source: its newest model file (names sort by version or date). */
function pickFile(path: string): string {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw new FetchError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code})`);
  }
  if (!st.isDirectory()) return path;
  const files = readdirSync(path).filter((f) => f.endsWith('.json')).sort();
  if (!files.length) throw new FetchError(`${path}: folder has no .json model`);
  return join(path, files[files.length - 1]);
}

/**
 * Checks before anything is stored: JSON, not an HTML error page, and a loadable service model.
 * The check failing is a failed fetch (with the reason), not a new version.
 */
export function checkModelBytes(bytes: Buffer, location: string, contentType = ''): ServiceModel {
  const head = bytes.subarray(0, 512).toString('utf8').trimStart();
  if (/text\/html/i.test(contentType) || /^<(!doctype|html)/i.test(head)) throw new FetchError(`${location}: got an HTML page, not a JSON model`);
  if (!bytes.length) throw new FetchError(`${location}: empty body`);
  try {
    return loadModelText(bytes.toString('utf8'), location);
  } catch (e) {
    throw new FetchError((e as Error).message);
  }
}

export async function fetchSource(src: SourceSpec, http: HttpOptions, root: string): Promise<SourceResult> {
  if (src.path) {
    const file = pickFile(resolve(root, src.path));
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new FetchError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code})`);
    }
    return { status: 'ok', name: src.name, kind: 'file', location: file, bytes, model: checkModelBytes(bytes, file), etag: null, lastModified: null };
  }
  const url = src.url!;
  const r = await httpGet(url, http);
  if (r.status === 'not-modified') return { status: 'not-modified', name: src.name, kind: 'url', location: url, etag: r.etag, lastModified: r.lastModified };
  return { status: 'ok', name: src.name, kind: 'url', location: url, bytes: r.bytes, model: checkModelBytes(r.bytes, url, r.contentType), etag: r.etag, lastModified: r.lastModified };
}
