import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createAjv } from '../snapshot/ajv.js';
import { InputError } from '../util/errors.js';
import { DEFAULT_MAX_BYTES } from '../util/files.js';
import { parseJsonText } from '../util/json.js';

export interface SourceConfig {
  name: string;
  url?: string;
  path?: string;
}
export interface PackConfig {
  id: string;
  title: string;
  publisher?: string;
  service?: string;
  sdkPackage: string;
  sources: SourceConfig[];
  issues?: { openOn?: 'BREAKING' | 'RISKY' | 'ADDITIVE' | 'DOC'; labels?: string[] };
}
export interface FetchConfig {
  timeoutMs: number;
  deadlineMs: number;
  retries: number;
  backoffMs: number;
  maxBytes: number;
}
export interface Config {
  packs: PackConfig[];
  fetch: FetchConfig;
  file: string | null;
}

export const CONFIG_FILE = 'specwatch.config.json';

export const DEFAULT_FETCH: FetchConfig = {
  timeoutMs: 20_000,
  deadlineMs: 120_000,
  retries: 3,
  backoffMs: 500,
  maxBytes: DEFAULT_MAX_BYTES,
};

/** The built-in default, used when a project has no config file. */
export const DEFAULT_CONFIG: Omit<Config, 'file'> = {
  packs: [
    {
      id: 'amazonaws-com-meteringmarketplace',
      title: 'AWS Marketplace Metering',
      publisher: 'cloud · amazonaws.com',
      service: 'com.amazonaws.marketplacemetering#AWSMPMeteringService',
      sdkPackage: '@aws-sdk/client-marketplace-metering',
      sources: [
        {
          name: 'api-models-aws',
          url:
            'https://raw.githubusercontent.com/aws/api-models-aws/main/models/marketplace-metering/service/' +
            '2016-01-14/marketplace-metering-2016-01-14.json',
        },
        {
          name: 'botocore',
          url:
            'https://raw.githubusercontent.com/boto/botocore/develop/botocore/data/meteringmarketplace/' +
            '2016-01-14/service-2.json',
        },
      ],
      issues: { openOn: 'RISKY', labels: ['specwatch', 'api-drift'] },
    },
  ],
  fetch: DEFAULT_FETCH,
};

const CLASS = { enum: ['BREAKING', 'RISKY', 'ADDITIVE', 'DOC'] };
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['packs'],
  properties: {
    $schema: { type: 'string' },
    packs: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'sdkPackage', 'sources'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$' },
          title: { type: 'string', minLength: 1 },
          publisher: { type: 'string' },
          service: { type: 'string' },
          sdkPackage: { type: 'string', minLength: 1 },
          sources: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name'],
              properties: {
                name: { type: 'string', pattern: '^[A-Za-z0-9._-]+$' },
                url: { type: 'string', pattern: '^https?://' },
                path: { type: 'string', minLength: 1 },
              },
            },
          },
          issues: {
            type: 'object',
            additionalProperties: false,
            properties: { openOn: CLASS, labels: { type: 'array', items: { type: 'string' } } },
          },
        },
      },
    },
    fetch: {
      type: 'object',
      additionalProperties: false,
      properties: {
        timeoutMs: { type: 'integer', minimum: 1 },
        deadlineMs: { type: 'integer', minimum: 1 },
        retries: { type: 'integer', minimum: 0, maximum: 10 },
        backoffMs: { type: 'integer', minimum: 0 },
        maxBytes: { type: 'integer', minimum: 1 },
      },
    },
  },
};

/** Loads and validates specwatch.config.json; a bad config is one line with file and JSON path. */
export function loadConfig(root: string, file?: string): Config {
  const path = resolve(root, file ?? CONFIG_FILE);
  if (!existsSync(path)) {
    if (file) throw new InputError(path, '$', 'config file not found');
    return { ...DEFAULT_CONFIG, file: null };
  }
  const value = parseJsonText(readFileSync(path, 'utf8'), path);
  const validate = createAjv({ allErrors: false, validateSchema: false }).compile(CONFIG_SCHEMA);
  if (!validate(value)) {
    const e = validate.errors![0];
    const at = '$' + (e.instancePath || '').replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.');
    const extra =
      e.keyword === 'additionalProperties'
        ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"`
        : '';
    throw new InputError(path, at, `${e.message}${extra}`);
  }
  const v = value as { packs: PackConfig[]; fetch?: Partial<FetchConfig> };
  const ids = new Set<string>();
  v.packs.forEach((p, i) => {
    p.sources.forEach((s, j) => {
      if (!s.url === !s.path)
        throw new InputError(path, `$.packs[${i}].sources[${j}]`, 'a source needs exactly one of "url" or "path"');
    });
    if (ids.has(p.id)) throw new InputError(path, `$.packs[${i}].id`, `duplicate pack id "${p.id}"`);
    ids.add(p.id);
  });
  return { packs: v.packs, fetch: { ...DEFAULT_FETCH, ...(v.fetch ?? {}) }, file: path };
}

export function findPack(config: Config, id: string): PackConfig {
  const p = config.packs.find((x) => x.id === id);
  if (!p)
    throw new InputError(
      config.file ?? CONFIG_FILE,
      '$.packs',
      `no pack "${id}" (configured: ${config.packs.map((x) => x.id).join(', ')})`,
    );
  return p;
}

export const configPath = (root: string) => join(root, CONFIG_FILE);
