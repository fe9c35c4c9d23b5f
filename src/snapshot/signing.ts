import type { Snapshot } from './types.js';

/**
 * The name a request to this service is signed for (SigV4 credential scope): the model's SigV4 name; without
 * one, the endpoint prefix (what the SDKs and botocore fall back to), then the service name. Clients built
 * from a snapshot and the emulator serving it use the same.
 */
export function signingName(snapshot: Snapshot): string {
  return snapshot.service.sigv4Name ?? snapshot.service.endpointPrefix ?? snapshot.service.name;
}
