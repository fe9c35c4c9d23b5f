import * as Metering from '@aws-sdk/client-marketplace-metering';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import { CapturingHandler } from '../replay/capture.js';
import { checkNoMeteringRequest, ReadOnlyViolation } from '../replay/policy.js';
import { METERING_SERVICE } from '../replay/anchors.js';
import { outcomeOf, refused, toSdkInput, validateInput, type CallOutcome } from './call.js';
import { callAwsJson, genericCallUnsupported } from './call-awsjson.js';
import { toolDefinition } from './definitions.js';
import { packState, type GateOptions, type PackState } from './gate.js';

export interface McpOptions extends GateOptions {
  root: string;
  pack: string;
  endpointUrl?: string;
  region?: string;
  /** Without it only calls that cannot meter leave (the read-only policy, enforced in the HTTP layer). */
  allowWrite?: boolean;
  log?: (line: string) => void;
}

type Client = { send(cmd: unknown): Promise<unknown>; destroy(): void };

/**
 * The pack's tools over MCP. Every list and every call reads the store again (packState): a version that
 * `watch` records re-gates the running server at the next request. A call is validated against the
 * snapshot's input schema before anything leaves, then sent through the real AWS SDK (default credential
 * chain and region; --endpoint-url for the emulator).
 */
export function createMcpServer(o: McpOptions): Server {
  const server = new Server(
    { name: `specwatch-${o.pack}`, version: '0.1.0' },
    { capabilities: { tools: { listChanged: true } } },
  );
  const log = o.log ?? (() => {});
  server.setRequestHandler(ListToolsRequestSchema, async () => {
    return { tools: servedTools(o) };
  });
  server.setRequestHandler(CallToolRequestSchema, async (req): Promise<CallToolResult> => {
    // An unknown tool is a protocol error (JSON-RPC -32602); everything about a known tool — gate, invalid
    // input, policy, AWS errors — is a tool result flagged isError, so the agent can read why and adapt.
    const names = packState(o.root, o.pack, o).snapshot.tools.map((t) => t.name);
    if (!names.includes(req.params.name)) {
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${req.params.name} (have: ${names.join(', ')})`);
    }
    const out = await callTool(o, req.params.name, req.params.arguments ?? {});
    log(`${req.params.name}: ${out.isError ? 'error' : 'ok'}${out.sent ? '' : ' (not sent)'}`);
    return { content: [{ type: 'text', text: out.text }], structuredContent: out.structured, isError: out.isError };
  });
  return server;
}

/**
 * The pack as this server serves it: the gate of packState, and a tool it cannot call (another service's
 * protocol it does not speak) disabled with the reason.
 */
function servedState(o: McpOptions): PackState {
  const state = packState(o.root, o.pack, o);
  const why = genericCallUnsupported(state.snapshot);
  if (!why) return state;
  const gates = new Map(
    [...state.gates].map(([name, g]) => {
      const reason = [g.reason, `not callable here: ${why}`].filter(Boolean).join('; ');
      return [name, { ...g, enabled: false, reason }];
    }),
  );
  return { ...state, gates };
}

function servedTools(o: McpOptions) {
  const state = servedState(o);
  return state.snapshot.tools.map((t) => toolDefinition(t, state, o.pack));
}

export async function callTool(o: McpOptions, name: string, args: Record<string, unknown>): Promise<CallOutcome> {
  const state = servedState(o);
  const tool = state.snapshot.tools.find((t) => t.name === name);
  if (!tool) return refused(`unknown tool ${name} (have: ${state.snapshot.tools.map((t) => t.name).join(', ')})`);
  const gate = state.gates.get(name)!;
  if (!gate.enabled) return refused(`${name} is disabled by specwatch: ${gate.reason}`);
  const invalid = validateInput(tool, args);
  if (invalid)
    return refused(`input refused before sending (snapshot ${state.snapshot.fingerprint.slice(0, 12)}): ${invalid}`);
  // Another service has no SDK client here: its awsJson request is built from the snapshot.
  if (state.snapshot.service.name !== METERING_SERVICE) return callAwsJson(state.snapshot, tool, args, o);
  const Ctor = (Metering as unknown as Record<string, new (i: unknown) => unknown>)[`${name}Command`];
  if (!Ctor) return refused(`${name}: the SDK has no ${name}Command`);
  const handler = new CapturingHandler(o.allowWrite ? false : checkNoMeteringRequest);
  const client = new Metering.MarketplaceMeteringClient({
    region: o.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(o.endpointUrl ? { endpoint: o.endpointUrl } : {}),
    requestHandler: handler,
    maxAttempts: 1,
  }) as unknown as Client;
  try {
    const result = await client.send(new Ctor(toSdkInput(tool, args)));
    return outcomeOf(result, null, true);
  } catch (e) {
    if (e instanceof ReadOnlyViolation) return refused(`${e.message} (this call could meter)`);
    return outcomeOf(
      null,
      e,
      handler.exchanges.some((x) => x.response !== null),
    );
  } finally {
    client.destroy();
  }
}

/** Serves the pack over stdio until the client goes away. */
export async function serveStdio(o: McpOptions): Promise<void> {
  packState(o.root, o.pack, o); // a missing pack or version is a usage error before the transport opens
  const server = createMcpServer(o);
  await server.connect(new StdioServerTransport());
  await new Promise<void>((resolve) => {
    server.onclose = () => resolve();
    // The client closing our stdin ends the session (the SDK's stdio transport does not watch for it).
    process.stdin.once('end', () => void server.close());
  });
}
