import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { LOOKUP_ID_LENGTH, SECRET_LENGTH } from "@/lib/domain/tokens/api-token";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `length` uniform base62 characters: bytes >= 248 are dropped, so no character is likelier. */
function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export const newLookupId = () => randomBase62(LOOKUP_ID_LENGTH);
/** 43 base62 characters: 256 bits. */
export const newTokenSecret = () => randomBase62(SECRET_LENGTH);

/**
 * sha256 (hex) of the secret. Not scrypt as for passwords: a 256-bit random secret cannot be
 * guessed from its hash, so a slow hash would only make every API request slower. A database
 * leak still yields no usable token (as with sessions).
 */
export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Compares in constant time, so the answer's timing tells nothing about the stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashTokenSecret(secret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
