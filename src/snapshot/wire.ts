import type { Snapshot } from './types.js';

/** The awsJson protocols a request can be built for from the snapshot alone (`X-Amz-Target`, a JSON body). */
export const AWS_JSON_PROTOCOLS = /awsJson1_[01]/;

/** Whether the service speaks awsJson1_0/1_1: the emulator serves it, clients built from the snapshot call it. */
export const speaksAwsJson = (snapshot: Snapshot): boolean => AWS_JSON_PROTOCOLS.test(snapshot.service.protocol ?? '');

/** The content type of the service's awsJson version (1.0 or 1.1). */
export const awsJsonContentType = (snapshot: Snapshot): string =>
  `application/x-amz-json-${/awsJson1_0/.test(snapshot.service.protocol ?? '') ? '1.0' : '1.1'}`;

/**
 * The name a request to this service is signed for (SigV4 credential scope): the model's SigV4 name; without
 * one, the endpoint prefix (what the SDKs and botocore fall back to), then the service name. Clients built
 * from a snapshot and the emulator serving it use the same.
 */
export function signingName(snapshot: Snapshot): string {
  return snapshot.service.sigv4Name ?? snapshot.service.endpointPrefix ?? snapshot.service.name;
}
