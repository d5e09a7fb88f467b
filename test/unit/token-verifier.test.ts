import { CompactEncrypt, type CryptoKey, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTokenVerifier, Unauthorized } from '../../shared/auth/token-verifier.ts';

const issuer = {
  issuer: 'https://issuer.example',
  audience: 'urn:leerrekening:api',
  jwksUri: 'http://127.0.0.1:9/jwks',
};

/** A JWE to `publicKey` around some signed-looking content; decryption fails or succeeds before any JWKS is fetched. */
async function encryptedToken(publicKey: CryptoKey): Promise<string> {
  return new CompactEncrypt(new TextEncoder().encode('not.a.jws'))
    .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', cty: 'at+jwt' })
    .encrypt(publicKey);
}

describe('createTokenVerifier with encrypted citizen tokens', () => {
  it('refuses an encrypted token when it has no key to decrypt it with', async () => {
    const { publicKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256' });
    const verifier = createTokenVerifier({ issuers: { citizen: issuer, business: issuer } });

    await expect(verifier.verify(await encryptedToken(publicKey))).rejects.toBeInstanceOf(Unauthorized);
  });

  it('treats a key that cannot be fetched as an outage (a 500), not as a bad token', async () => {
    const { publicKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256' });
    const outage = new Error('SSM is unreachable');
    const verifier = createTokenVerifier({
      issuers: { citizen: { ...issuer, decryptionKey: () => Promise.reject(outage) }, business: issuer },
    });

    await expect(verifier.verify(await encryptedToken(publicKey))).rejects.toBe(outage);
  });

  it('treats a configured key it cannot import as an outage too, not as a bad token', async () => {
    const { publicKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256' });
    const broken = { kty: 'EC', crv: 'P-999', x: 'AA', y: 'AA', d: 'AA' };
    const verifier = createTokenVerifier({
      issuers: { citizen: { ...issuer, decryptionKey: broken }, business: issuer },
    });

    const refusal = await verifier.verify(await encryptedToken(publicKey)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(Error);
    expect(refusal).not.toBeInstanceOf(Unauthorized);
  });

  it('takes the key as a JWK, as configuration holds it, and opens the token with it', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
    const verifier = createTokenVerifier({
      issuers: { citizen: { ...issuer, decryptionKey: await exportJWK(privateKey) }, business: issuer },
    });

    // Decrypted, the content is not a JWT: refused for that, which proves the key opened it.
    const refusal = await verifier.verify(await encryptedToken(publicKey)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(Unauthorized);
    expect((refusal as Unauthorized).reason).toMatch(/JWT|JWS|decode/);
  });
});
