import { createHash, randomBytes } from "node:crypto";

export const SESSION_COOKIE = "branchdesk_session";
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Sessions are stored by hash: reading the database does not yield live cookies. */
export function sessionId(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
