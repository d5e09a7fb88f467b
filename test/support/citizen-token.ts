/**
 * Opening and resealing a citizen access token (a JWE whose content is the signed at+jwt) with
 * the API's key, as a test that holds that key can, and an attacker could not.
 */
import { base64url, CompactEncrypt, compactDecrypt, decodeJwt, importJWK, type JWK, type JWTPayload } from 'jose';

/** The signed token inside a citizen access token, opened with the API's private key. */
export async function openCitizenToken(token: string, apiKey: JWK): Promise<string> {
  const { plaintext } = await compactDecrypt(token, await importJWK(apiKey, 'ECDH-ES'));
  return new TextDecoder().decode(plaintext);
}

/**
 * Encrypts `content` (a signed token, or anything else) to the public part of `key`, with the header
 * the issuer gives a citizen's access token (and the key's kid, when it has one).
 */
export async function sealForApi(content: string, key: JWK): Promise<string> {
  const { d: _private, ...publicKey } = key;
  return new CompactEncrypt(new TextEncoder().encode(content))
    .setProtectedHeader({
      alg: 'ECDH-ES',
      enc: 'A256GCM',
      cty: 'at+jwt',
      ...(key.kid !== undefined && { kid: key.kid }),
    })
    .encrypt(await importJWK(publicKey, 'ECDH-ES'));
}

/** A signed token with its payload changed and its header and signature kept. */
export function tampered(token: string, change: (payload: JWTPayload) => JWTPayload): string {
  const [header, , signature] = token.split('.');
  return `${header}.${base64url.encode(JSON.stringify(change(decodeJwt(token))))}.${signature}`;
}
