import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../src/emulator/server.js';
import { defaultFixtures } from '../../src/emulator/fixtures.js';
import { addPack } from '../../src/config/add.js';
import { currentSnapshot } from '../../src/history/store.js';
import { BIN, cli, FIX, recordVendored, tmp, vendoredSpec } from '../helpers.js';

/**
 * `specwatch mcp` as a child process, driven by the MCP SDK's own client over stdio, against the built-in
 * emulator on 127.0.0.1 (real AWS SDK inside the server, real HTTP).
 */
const PACK = 'amazonaws-com-meteringmarketplace';
const text = readFileSync(vendoredSpec(), 'utf8');
let root: string;
let emu: Emulator;
let url: string;

beforeAll(async () => {
  root = tmp();
  recordVendored(root, PACK);
  emu = await createEmulator({
    snapshot: currentSnapshot(root, PACK)!,
    fixtures: defaultFixtures(),
    logRequests: true,
  });
  url = await emu.listen(0, '127.0.0.1');
});
afterAll(() => emu.close());

async function connect(extra: string[] = [], at = root): Promise<Client> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    AWS_ACCESS_KEY_ID: 'AKIDEMULATORECS',
    AWS_SECRET_ACCESS_KEY: 'test-secret',
    AWS_REGION: 'us-east-1',
    SPECWATCH_QUIET: '1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const client = new Client({ name: 'specwatch-test', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [BIN, 'mcp', '--root', at, '--endpoint-url', url, ...extra],
      env,
      stderr: 'pipe',
    }),
  );
  return client;
}

describe('specwatch pack', () => {
  it(
    'openai and json formats: self-contained parameters ' + 'that ajv compiles, trust, fingerprint; bad format exits 2',
    () => {
      const oa = JSON.parse(cli(['pack', '--root', root, '--format', 'openai']).stdout);
      expect(oa.map((t: { function: { name: string } }) => t.function.name)).toEqual([
        'BatchMeterUsage',
        'MeterUsage',
        'RegisterUsage',
        'ResolveCustomer',
      ]);
      const ajv = new Ajv2020({ strict: true });
      for (const t of oa) expect(() => ajv.compile(t.function.parameters)).not.toThrow();
      const js = JSON.parse(cli(['pack', '--root', root, '--format', 'json']).stdout);
      expect(js).toMatchObject({
        pack: PACK,
        trust: { level: 'spec-monitored' },
        fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const bad = cli(['pack', '--root', root, '--format', 'yaml']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/argument 'yaml' is invalid\. Allowed choices are mcp, openai, json/);
    },
  );
});

describe('specwatch mcp (stdio, MCP SDK client, emulator)', () => {
  it('initialize and tools/list: four tools, schemas ajv compiles, hints, drift, trust, fingerprint', async () => {
    const c = await connect();
    try {
      expect(c.getServerVersion()?.name).toBe(`specwatch-${PACK}`);
      expect(c.getServerCapabilities()?.tools).toBeDefined();
      const { tools } = await c.listTools();
      expect(tools.map((t) => t.name)).toEqual(['BatchMeterUsage', 'MeterUsage', 'RegisterUsage', 'ResolveCustomer']);
      const ajv = new Ajv2020({ strict: true, allErrors: true });
      for (const t of tools) {
        expect(t.inputSchema.type).toBe('object');
        expect(() => ajv.compile(t.inputSchema), t.name).not.toThrow();
        expect(t.description!.length).toBeLessThanOrEqual(1024);
        expect(t._meta).toMatchObject({ 'specwatch/enabled': true, 'specwatch/drift': { class: 'CLEAN' } });
      }
      const rc = tools.find((t) => t.name === 'ResolveCustomer')!;
      expect(rc.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
      expect(tools.find((t) => t.name === 'BatchMeterUsage')!.annotations).toMatchObject({
        readOnlyHint: false,
        idempotentHint: true,
      });
      expect((rc._meta!['specwatch/fingerprint'] as { snapshot: string }).snapshot).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await c.close();
    }
  });

  it(
    "a valid ResolveCustomer returns the emulator's customer; " + 'an invalid input is refused before any request',
    async () => {
      const c = await connect();
      try {
        const ok = await c.callTool({ name: 'ResolveCustomer', arguments: { RegistrationToken: 'reg-token-valid' } });
        expect(ok.isError).toBeFalsy();
        expect(ok.structuredContent).toMatchObject({
          CustomerAWSAccountId: '777788889999',
          ProductCode: 'prod-saas456',
        });
        emu.state.requests = [];
        const bad = await c.callTool({
          name: 'MeterUsage',
          arguments: { ProductCode: 'prod-abc123', UsageDimension: 7 },
        });
        expect(bad.isError).toBe(true);
        expect((bad.content as { text: string }[])[0].text).toMatch(
          /^input refused before sending \(snapshot [0-9a-f]{12}\): .*(Timestamp|UsageDimension)/,
        );
        expect(emu.state.requests).toEqual([]); // nothing left the server
        const err = await c.callTool({
          name: 'ResolveCustomer',
          arguments: { RegistrationToken: 'reg-token-expired' },
        });
        expect(err.isError).toBe(true);
        expect(err.structuredContent).toMatchObject({
          error: { name: 'ExpiredTokenException', fault: 'client', httpStatus: 400 },
        });
        expect(JSON.stringify(err)).not.toMatch(/\n\s+at /); // no stack
        // Error shapes: an unknown tool is a JSON-RPC error; everything else is a result flagged isError.
        const unknown = await c.callTool({ name: 'NoSuchTool', arguments: {} }).catch((e: unknown) => e);
        expect(unknown).toBeInstanceOf(McpError);
        expect((unknown as McpError).code).toBe(-32602);
      } finally {
        await c.close();
      }
    },
  );

  it('MeterUsage meters only with --allow-write; DryRun always passes the read-only policy', async () => {
    const args = {
      ProductCode: 'prod-abc123',
      Timestamp: Math.floor(Date.now() / 1000) - 60,
      UsageDimension: 'users',
      UsageQuantity: 1,
    };
    const ro = await connect();
    try {
      emu.state.requests = [];
      const before = emu.state.records.length;
      const r = await ro.callTool({ name: 'MeterUsage', arguments: args });
      expect(r.isError).toBe(true);
      expect((r.content as { text: string }[])[0].text).toMatch(
        /^read-only: refused MeterUsage.*without --allow-write/,
      );
      expect(emu.state.requests).toEqual([]);
      expect(emu.state.records.length).toBe(before);
      const dry = await ro.callTool({ name: 'MeterUsage', arguments: { ...args, DryRun: true } });
      expect(dry.structuredContent).toMatchObject({ error: { name: 'DryRunOperation', httpStatus: 400 } });
      expect(emu.state.records.length).toBe(before);
    } finally {
      await ro.close();
    }
    const rw = await connect(['--allow-write']);
    try {
      const before = emu.state.records.length;
      const r = await rw.callTool({ name: 'MeterUsage', arguments: args });
      expect(r.isError).toBeFalsy();
      expect(r.structuredContent).toMatchObject({ MeteringRecordId: expect.any(String) });
      expect(emu.state.records.length).toBe(before + 1);
    } finally {
      await rw.close();
    }
  });

  it('a BREAKING version recorded while the server runs gates the affected tools at the next list', async () => {
    const c = await connect();
    try {
      expect((await c.listTools()).tools.every((t) => t._meta!['specwatch/enabled'] === true)).toBe(true);
      const doc = JSON.parse(text);
      doc.shapes['com.amazonaws.marketplacemetering#MeterUsageRequest'].members.Region = {
        target: 'com.amazonaws.marketplacemetering#String',
        traits: { 'smithy.api#required': {} },
      };
      const f = `${tmp()}/v2.json`;
      (await import('node:fs')).writeFileSync(f, JSON.stringify(doc));
      expect(cli(['refresh', '--source', f, '--root', root]).code).toBe(0);
      const { tools } = await c.listTools();
      const mu = tools.find((t) => t.name === 'MeterUsage')!;
      expect(mu._meta!['specwatch/enabled']).toBe(false);
      expect(mu.description).toMatch(/^DISABLED by specwatch: BREAKING drift against the reviewed baseline/);
      expect(tools.filter((t) => t._meta!['specwatch/enabled'] === false).map((t) => t.name)).toEqual(['MeterUsage']);
      const call = await c.callTool({ name: 'MeterUsage', arguments: {} });
      expect(call.isError).toBe(true);
      expect((call.content as { text: string }[])[0].text).toMatch(/MeterUsage is disabled by specwatch/);
    } finally {
      await c.close();
    }
  });
});

describe('specwatch mcp session end', () => {
  it('the client closing stdin ends the server with exit 0', () => {
    const init = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    };
    const r = spawnSync(process.execPath, [BIN, 'mcp', '--root', root], {
      input: JSON.stringify(init) + '\n',
      encoding: 'utf8',
      env: { ...process.env, SPECWATCH_QUIET: '1' },
      timeout: 20_000,
    });
    expect(JSON.parse(r.stdout.split('\n')[0]).result.serverInfo.name).toBe(`specwatch-${PACK}`);
    expect([r.status, r.signal]).toEqual([0, null]);
  });

  it('a bad --endpoint-url is one line and exit 2 before anything is served', () => {
    const r = cli(['mcp', '--root', root, '--endpoint-url', 'notaurl']);
    expect([r.code, r.stdout, r.stderr.trim()]).toEqual([
      2,
      '',
      'specwatch: --endpoint-url must be an http(s) URL (got "notaurl")',
    ]);
  });
});

describe('specwatch mcp for other services', () => {
  // DynamoDB Streams (awsJson1_0) with two operations marked @readonly, as many AWS models mark Describe/List.
  const streams = (() => {
    const doc = JSON.parse(readFileSync(join(FIX, 'other-services', 'dynamodb-streams-2012-08-10.json'), 'utf8'));
    for (const op of ['DescribeStream', 'ListStreams'])
      doc.shapes[`com.amazonaws.dynamodbstreams#${op}`].traits['smithy.api#readonly'] = {};
    return JSON.stringify(doc);
  })();
  // Packs added as `specwatch add` adds them (its CLI is tested in many-packs), in a project of their own.
  const other = tmp();
  const add = (name: string, bytes: string): string => {
    const file = join(tmp(), name);
    writeFileSync(file, bytes);
    return addPack(file, { root: other, sources: [file] }).pack.id;
  };

  it('awsJson: @readonly operations are sent signed without --allow-write, the others only with it', async () => {
    const id = add('dynamodb-streams-2012-08-10.json', streams);
    const emuStreams = await createEmulator({
      snapshot: currentSnapshot(other, id)!,
      fixtures: defaultFixtures(),
      logRequests: true,
    });
    const at = await emuStreams.listen(0, '127.0.0.1');
    const ro = await connect(['--endpoint-url', at, id], other);
    try {
      const { tools } = await ro.listTools();
      const hints = Object.fromEntries(tools.map((t) => [t.name, t.annotations]));
      expect(hints.ListStreams).toMatchObject({ readOnlyHint: true, destructiveHint: false });
      expect(hints.GetShardIterator).toMatchObject({ readOnlyHint: false, destructiveHint: true });
      const list = await ro.callTool({ name: 'ListStreams', arguments: { Limit: 5 } });
      expect(list.isError, JSON.stringify(list)).toBeFalsy();
      expect(list.structuredContent).toEqual(expect.any(Object)); // the emulator's answer (optional members)
      expect(emuStreams.state.requests.map((r) => r.target)).toEqual(['DynamoDBStreams_20120810.ListStreams']);
      const args = { StreamArn: 'a'.repeat(37), ShardId: 's'.repeat(28), ShardIteratorType: 'LATEST' };
      const write = await ro.callTool({ name: 'GetShardIterator', arguments: args });
      expect((write.content as { text: string }[])[0].text).toMatch(/not marked @readonly.*without --allow-write/);
      expect(emuStreams.state.requests).toHaveLength(1); // refused where the request would leave
      const rw = await connect(['--endpoint-url', at, '--allow-write', id], other);
      try {
        const sent = await rw.callTool({ name: 'GetShardIterator', arguments: args });
        expect(sent.isError, JSON.stringify(sent)).toBeFalsy();
        expect(emuStreams.state.requests).toHaveLength(2);
      } finally {
        await rw.close();
      }
    } finally {
      await ro.close();
      await emuStreams.close();
    }
  });

  it('another protocol: every tool is listed DISABLED, not callable here, and a call is refused', async () => {
    const id = add('eks-auth-2023-11-26.json', readFileSync(join(FIX, 'catalog', 'eks-auth-2023-11-26.json'), 'utf8'));
    const c = await connect([id], other);
    try {
      const { tools } = await c.listTools();
      expect(tools.length).toBeGreaterThan(0);
      for (const t of tools) {
        expect(t._meta!['specwatch/enabled']).toBe(false);
        expect(t.description).toMatch(/^DISABLED by specwatch: not callable here: .*restJson1/);
      }
      const r = await c.callTool({ name: tools[0].name, arguments: {} });
      expect(r.isError).toBe(true);
      expect((r.content as { text: string }[])[0].text).toMatch(/disabled by specwatch: not callable here/);
    } finally {
      await c.close();
    }
  });
});
