import { hkdfSync } from "node:crypto";
import { jwtDecrypt, type JWTPayload } from "jose";

/**
 * next-auth's own session-token decoding, with its key derived once per secret
 * instead of once per request (an HKDF on every request showed in the profile).
 * Same algorithm as next-auth v4's `decode`: HKDF-SHA256 of the secret with an
 * empty salt and its fixed info string, then a `dir`/A256GCM JWE checked with
 * 15 s of clock tolerance; passed to `getToken` as its `decode`.
 */
const keys = new Map<string, Uint8Array>();

function keyFor(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));
    keys.set(secret, key);
  }
  return key;
}

export async function decodeSessionToken(params: { token?: string; secret: string | Buffer }): Promise<JWTPayload | null> {
  if (!params.token) return null;
  const { payload } = await jwtDecrypt(params.token, keyFor(String(params.secret)), { clockTolerance: 15 });
  return payload;
}
