import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { HttpRequest, HttpResponse } from '@smithy/types';
import { Readable } from 'node:stream';
import { checkLiveRequest } from './policy.js';

export interface Exchange {
  request: { target: string; body: string };
  response: { status: number; headers: Record<string, string>; body: string } | null;
  error: string | null;
}

/**
 * The SDK's HTTP handler, wrapped: every raw response body is captured below the SDK (which drops
 * unknown fields and turns timestamps into Dates), and in live mode every request is checked against
 * the read-only policy before it can leave.
 */
export class CapturingHandler extends NodeHttpHandler {
  exchanges: Exchange[] = [];
  private readonly policy: ((req: HttpRequest) => void) | null;
  /** `live`: the live read-only policy; a function: that policy (the agent pack's); false: none. */
  constructor(live: boolean | ((req: HttpRequest) => void)) {
    super({ connectionTimeout: 5000, requestTimeout: 15000 });
    this.policy = typeof live === 'function' ? live : live ? checkLiveRequest : null;
  }

  override async handle(
    request: Parameters<NodeHttpHandler['handle']>[0],
    options?: Parameters<NodeHttpHandler['handle']>[1],
  ): Promise<{ response: HttpResponse }> {
    const body =
      typeof request.body === 'string'
        ? request.body
        : request.body
          ? new TextDecoder().decode(request.body as Uint8Array)
          : '';
    const ex: Exchange = {
      request: { target: String(request.headers['x-amz-target'] ?? ''), body },
      response: null,
      error: null,
    };
    this.exchanges.push(ex);
    if (this.policy) {
      try {
        this.policy(request as unknown as HttpRequest);
      } catch (e) {
        ex.error = (e as Error).message;
        throw e;
      }
    }
    try {
      const { response } = await super.handle(request, options);
      const chunks: Buffer[] = [];
      for await (const c of response.body as Readable) chunks.push(Buffer.from(c));
      const raw = Buffer.concat(chunks);
      ex.response = { status: response.statusCode, headers: response.headers, body: raw.toString('utf8') };
      response.body = Readable.from([raw]);
      return { response };
    } catch (e) {
      ex.error = (e as Error).message;
      throw e;
    }
  }
}
