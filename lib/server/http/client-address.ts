import type { IncomingMessage } from "node:http";
import { z } from "zod";

/**
 * Which address a request came from, for the per-client login limit.
 *
 * The chain is what X-Forwarded-For lists, then the socket's peer. The
 * rightmost `trustedProxies` entries are our own reverse proxies (the socket
 * peer is the nearest); the entry just left of them is the client. With no
 * trusted proxy (the default) the client is the socket's peer and whatever
 * X-Forwarded-For a client sends is ignored, so it cannot pick a fresh
 * "address" per attempt to dodge the limit. A chain shorter than the trust
 * says (a request that bypassed the proxy) falls back to its leftmost entry.
 */
export function resolveClientAddress(
  forwardedFor: string | string[] | undefined,
  socketAddress: string | undefined,
  trustedProxies: number,
): string {
  const listed = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const chain =
    trustedProxies > 0 ? [...listed, ...(socketAddress ? [socketAddress] : [])] : socketAddress ? [socketAddress] : [];
  const picked = chain[chain.length - 1 - trustedProxies] ?? chain[0] ?? "unknown";
  // IPv4 clients of a dual-stack socket show up as ::ffff:a.b.c.d. Capped: it becomes part of a database key.
  return picked.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "").slice(0, 64);
}

/**
 * Before a request reaches Next.js: X-Forwarded-For is replaced by the one
 * address resolveClientAddress picked (Next.js only fills it in when absent,
 * and route handlers cannot see the socket).
 */
export function pinClientAddress(req: IncomingMessage, trustedProxies: number): void {
  req.headers["x-forwarded-for"] = resolveClientAddress(
    req.headers["x-forwarded-for"],
    req.socket.remoteAddress,
    trustedProxies,
  );
}

const ZTrustedProxies = z.coerce
  .number({ message: "BRANCHDESK_TRUSTED_PROXIES must be a whole number" })
  .int("BRANCHDESK_TRUSTED_PROXIES must be a whole number")
  .min(0, "BRANCHDESK_TRUSTED_PROXIES must be 0 or more")
  .max(10, "BRANCHDESK_TRUSTED_PROXIES must be at most 10");

/** How many reverse proxies in front of the dashboard add to X-Forwarded-For (default 0: none). */
export function trustedProxiesFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.BRANCHDESK_TRUSTED_PROXIES?.trim();
  if (!raw) return 0;
  const parsed = ZTrustedProxies.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `${parsed.error.issues[0]?.message ?? "BRANCHDESK_TRUSTED_PROXIES is not valid"} (got ${JSON.stringify(raw)})`,
    );
  return parsed.data;
}
