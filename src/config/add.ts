import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { storePaths } from '../history/paths.js';
import { recordVersion } from '../history/store.js';
import type { HistoryEntry } from '../history/types.js';
import { loadModelText } from '../model/load.js';
import { T, type ServiceModel } from '../model/types.js';
import { serviceInfo } from '../snapshot/normalize.js';
import { writeFileAtomic } from '../util/atomic.js';
import { UsageError } from '../util/errors.js';
import { readModelFile } from '../util/files.js';
import { configPath, DEFAULT_CONFIG, loadConfig, type PackConfig, type SourceConfig } from './config.js';

export interface AddOptions {
  root: string;
  config?: string;
  sources: string[];
  now?: Date;
}

/** What a model says about itself: the names a user may call it by, and what a pack needs. */
interface Identity {
  shapeId: string;
  sdkId: string;
  slug: string;
  botocore: string;
  version: string;
  title: string;
}

function identity(model: ServiceModel, file: string): Identity {
  const info = serviceInfo(model);
  const svc = model.shapes.get(model.serviceId)!;
  const aws = (svc.traits[T.awsService] ?? {}) as { sdkId?: string; endpointPrefix?: string };
  const sdkId = aws.sdkId ?? info.name;
  const slug = sdkId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  // botocore names its data folder after the service's old boto name; the endpoint prefix without dots
  // is that name for most services (metering.marketplace → meteringmarketplace, eks-auth → eks-auth).
  // A botocore path says it outright.
  const fromPath = /\/data\/([a-z0-9-]+)\/\d{4}-\d{2}-\d{2}\/service-2\.json$/.exec(file)?.[1];
  const botocore = fromPath ?? (aws.endpointPrefix ?? slug).toLowerCase().replace(/[^a-z0-9-]/g, '');
  return {
    shapeId: info.shapeId,
    sdkId,
    slug,
    botocore,
    version: info.version ?? 'latest',
    title: info.title ?? sdkId,
  };
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9#.]/g, '');

/** A model file's name without folder, extension and API version date: `freetier-2023-09-07.json` → `freetier`. */
const fileBase = (p: string) =>
  basename(p)
    .replace(/\.json$/i, '')
    .replace(/-\d{4}-\d{2}-\d{2}$/, '');

/**
 * Whether SERVICE names this model: its SDK id, its model file name, its Smithy service shape id. A path to
 * a model file names the service its file name does (`add models/x/x-2023-09-07.json --source …`).
 */
function names(id: Identity, file: string, service: string): boolean {
  const given = /[\\/]|\.json$/i.test(service) ? fileBase(service) : service;
  const candidates = [id.sdkId, id.slug, id.shapeId, id.shapeId.split('#').pop()!, fileBase(file), id.botocore];
  return candidates.some((c) => norm(c) === norm(given));
}

/**
 * `specwatch add SERVICE --source FILE [--source URL …]`: a pack for any AWS service. The first version
 * comes from the local model file (offline); the pack's sources follow the public api-models-aws and
 * botocore layouts, plus any URL given. The pack id follows the scheme of the first pack:
 * `amazonaws-com-<botocore name>`.
 */
export function addPack(service: string, o: AddOptions): { pack: PackConfig; entry: HistoryEntry; configFile: string } {
  const root = resolve(o.root);
  const config = loadConfig(root, o.config);
  const files = o.sources.filter((s) => !/^https?:\/\//i.test(s));
  const urls = o.sources.filter((s) => /^https?:\/\//i.test(s));
  if (files.length !== 1) {
    throw new UsageError(
      'add needs exactly one local model file for the first version (--source FILE); ' +
        'URLs given with --source become extra sources',
    );
  }
  const file = resolve(files[0]);
  if (!existsSync(file)) throw new UsageError(`${files[0]}: no such file`);
  const bytes = readModelFile(file);
  const model = loadModelText(bytes.toString('utf8'), file);
  const id = identity(model, file);
  if (!names(id, file, service)) {
    throw new UsageError(
      `"${service}" matches no service in ${files[0]} (it holds ${id.shapeId}, ` +
        `SDK id "${id.sdkId}", file "${basename(file)}")`,
    );
  }
  // The same service: the same Smithy shape id, or the same SDK package (botocore models carry no namespace).
  const twin = config.packs.find(
    (p) => (p.service && p.service === id.shapeId) || p.sdkPackage === `@aws-sdk/client-${id.slug}`,
  );
  if (twin) throw new UsageError(`${service}: already watched as pack ${twin.id}`);
  const taken = (x: string) => config.packs.some((p) => p.id === x);
  // Two services can share an endpoint-prefix guess (DocDB and Neptune answer on "rds"): a later one is named
  // by its SDK id, then by SDK id and API version.
  const packId = [id.botocore, id.slug, `${id.slug}-${id.version}`]
    .map((n) => `amazonaws-com-${n}`)
    .find((x) => !taken(x));
  if (!packId) throw new UsageError(`${service}: every pack id it could take is in use`);
  const sources: SourceConfig[] = [
    {
      name: 'api-models-aws',
      url:
        `https://raw.githubusercontent.com/aws/api-models-aws/main/models/${id.slug}/service/` +
        `${id.version}/${id.slug}-${id.version}.json`,
    },
    {
      name: 'botocore',
      url:
        `https://raw.githubusercontent.com/boto/botocore/develop/botocore/data/${id.botocore}/` +
        `${id.version}/service-2.json`,
    },
    ...urls.map((url, i) => ({ name: `source-${i + 1}`, url })),
  ];
  const pack: PackConfig = {
    id: packId,
    title: id.title,
    publisher: 'cloud · amazonaws.com',
    ...(model.format === 'smithy' ? { service: id.shapeId } : {}),
    sdkPackage: `@aws-sdk/client-${id.slug}`,
    sources,
    issues: { openOn: 'RISKY', labels: ['specwatch', 'api-drift'] },
  };
  const path = config.file ?? configPath(root);
  // Without a config file the built-in default pack is kept only where it is really watched (has a history).
  const keepDefault = DEFAULT_CONFIG.packs.filter((p) => existsSync(storePaths(root, p.id).historyFile));
  const raw = config.file
    ? (JSON.parse(readFileSync(config.file, 'utf8')) as Record<string, unknown>)
    : { packs: keepDefault };
  const next = { ...raw, packs: [...(raw.packs as PackConfig[]), pack] };
  // The first version before the config names the pack: a failing record leaves no half-added pack.
  // Provenance: a path inside the project, or just the file name (never a machine path in the history).
  const location = file.startsWith(root + '/') ? file : basename(file);
  const { entry } = recordVersion({ root, pack: packId, bytes, location, kind: 'file', model, observedAt: o.now });
  writeFileAtomic(path, JSON.stringify(next, null, 2) + '\n');
  return { pack, entry, configFile: path };
}
