import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export const JSON_11 = 'application/x-amz-json-1.1';
export const JSON_10 = 'application/x-amz-json-1.0';

/** An error answered the awsJson way. `name` becomes `__type` and `x-amzn-ErrorType`. */
export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function newRequestId(): string {
  return randomUUID();
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
  extraHeaders: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': JSON_11,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
    ...extraHeaders,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: AwsError, requestId: string): void {
  sendJson(res, err.status, { __type: err.type, message: err.message, ...err.extra }, requestId, {
    'x-amzn-errortype': err.type,
  });
}
