import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { awsJsonContentType, signingName } from '../snapshot/wire.js';
import type { Snapshot } from '../snapshot/types.js';

/** A SigV4 signer for the service's own signing name. */
export function awsJsonSigner(snapshot: Snapshot, region: string, credentials: AwsCredentialIdentityProvider) {
  return new SignatureV4({
    service: signingName(snapshot),
    region,
    credentials,
    sha256: Sha256,
  });
}

/**
 * The signed headers of one awsJson call: `POST /`, `X-Amz-Target: <service>.<operation>`, the content type
 * of the protocol's version (1.0 or 1.1), SigV4 over all of it.
 */
export async function signedAwsJsonHeaders(
  snapshot: Snapshot,
  signer: SignatureV4,
  endpoint: string,
  operation: string,
  body: string,
): Promise<Record<string, string>> {
  const url = new URL(endpoint);
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: '/',
    query: {},
    headers: {
      host: url.host,
      'content-type': awsJsonContentType(snapshot),
      'x-amz-target': `${snapshot.service.name}.${operation}`,
    },
    body,
  });
  return signed.headers as Record<string, string>;
}

/** The error an awsJson answer names (`__type` or `X-Amzn-ErrorType`, namespace and suffix stripped). */
export function awsJsonErrorName(parsed: unknown, headers: Headers): string {
  const type = String((parsed as { __type?: string } | null)?.__type ?? headers.get('x-amzn-errortype') ?? '');
  return type.split('#').pop()!.split(':')[0];
}
