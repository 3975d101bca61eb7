import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes, URL-safe: what the one-liner carries. Only its hash is stored. */
export function newEnrolmentSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** sha256 (hex) of the token: a database leak does not leak usable tokens (as sessions do). */
export function hashEnrolmentSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
