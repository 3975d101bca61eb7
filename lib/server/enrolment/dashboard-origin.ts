import { z } from "zod";
import { AppError } from "@/lib/server/errors/app-error";

const ZOrigin = z
  .string()
  .trim()
  .transform((v, ctx) => {
    try {
      const u = new URL(v);
      if ((u.protocol === "http:" || u.protocol === "https:") && !u.username && !u.password) return u.origin;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: "custom", message: `${JSON.stringify(v)} is not an http(s) origin` });
    return z.NEVER;
  });

/**
 * The dashboard's address as a box sees it, for the one-liner and the script:
 * BRANCHDESK_PUBLIC_URL when set (a reverse proxy, a DNS name the branches
 * use), else the origin of the request (the admin's browser reached it; the
 * box fetching the script reached it, so its POST goes back the same way).
 */
export function dashboardOrigin(request: { url: string; headers: Headers }, env = process.env): string {
  if (env.BRANCHDESK_PUBLIC_URL) {
    const configured = ZOrigin.safeParse(env.BRANCHDESK_PUBLIC_URL);
    if (!configured.success)
      throw new AppError("internal", `BRANCHDESK_PUBLIC_URL: ${configured.error.issues[0]?.message}`);
    return configured.data;
  }
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  const proto = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(/:$/, "");
  const parsed = ZOrigin.safeParse(`${proto}://${host}`);
  if (!parsed.success) throw new AppError("bad_request", `the request names no usable origin (${host})`);
  return parsed.data;
}
