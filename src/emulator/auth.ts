import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import type { IncomingHttpHeaders } from 'node:http';
import { AwsError } from './protocol.js';

export interface SigV4Header {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

// AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=HEX
const AUTH_RE = new RegExp(
  String.raw`^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,` +
    String.raw`\s*SignedHeaders=([a-z0-9;\-.]+),\s*Signature=([0-9a-f]{64})$`,
);

/** Parses the SigV4 Authorization header; missing or malformed is a 4xx auth error. */
export function parseAuthorization(value: string | undefined, expectedService: string): SigV4Header {
  if (!value) throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
  const m = AUTH_RE.exec(value.trim());
  if (!m)
    throw new AwsError(
      'IncompleteSignatureException',
      'Authorization header is not a well-formed AWS4-HMAC-SHA256 signature',
      400,
    );
  const h: SigV4Header = {
    accessKeyId: m[1],
    date: m[2],
    region: m[3],
    service: m[4],
    signedHeaders: m[5].split(';'),
    signature: m[6],
  };
  if (h.service !== expectedService) {
    throw new AwsError(
      'InvalidSignatureException',
      `Credential should be scoped to correct service: '${expectedService}'.`,
      403,
    );
  }
  return h;
}

/** Recomputes the signature with @smithy/signature-v4 for a configured test key. */
export async function verifySignature(
  auth: SigV4Header,
  secretAccessKey: string,
  req: { method: string; path: string; headers: IncomingHttpHeaders; body: Buffer },
): Promise<void> {
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (!/^\d{8}T\d{6}Z$/.test(amzDate))
    throw new AwsError('IncompleteSignatureException', 'X-Amz-Date header is missing or malformed', 400);
  // 20261127T180000Z → 2026-11-27T18:00:00Z
  const signingDate = new Date(amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const v = req.headers[name];
    if (v === undefined) throw new AwsError('IncompleteSignatureException', `Signed header ${name} is missing`, 400);
    headers[name] = Array.isArray(v) ? v.join(',') : String(v);
  }
  const [path, query = ''] = req.path.split('?');
  const request: HttpRequest = {
    method: req.method,
    protocol: 'http:',
    hostname: String(req.headers.host ?? '').replace(/:\d+$/, ''),
    path,
    query: Object.fromEntries(new URLSearchParams(query)),
    headers,
    body: req.body.toString('utf8'),
  };
  const signer = new SignatureV4({
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey },
    region: auth.region,
    service: auth.service,
    sha256: Sha256,
    uriEscapePath: true,
    applyChecksum: false,
  });
  const signed = await signer.sign(request, { signingDate, signableHeaders: new Set(auth.signedHeaders) });
  const expected = /Signature=([0-9a-f]{64})/.exec(
    String(signed.headers.authorization ?? signed.headers.Authorization),
  )?.[1];
  if (expected !== auth.signature) {
    throw new AwsError(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided.',
      403,
    );
  }
}
