import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';

export interface Signer {
  sign(claims: Record<string, unknown>): Promise<string>;
  publicJwk: Record<string, unknown>;
  publicPem: string;
}

/** A fresh RS256 key per emulator: RegisterUsage signatures are real, verifiable JWTs. */
export async function createSigner(): Promise<Signer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = 'specwatch-emulator-1';
  return {
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
    publicPem: await exportSPKI(publicKey),
    sign: (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuedAt()
        .setIssuer('aws-marketplace-emulator')
        .sign(privateKey),
  };
}
