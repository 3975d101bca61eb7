import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";

const page = (path: string) => proxy(new NextRequest(new URL(path, "http://localhost:3000")));
const nonceOf = (csp: string | null) => csp?.match(/'nonce-([A-Za-z0-9+/=]+)'/)?.[1];

describe("proxy.ts: every page answer carries the security headers and a CSP with a fresh nonce", () => {
  it("sets CSP (scripts by nonce only, no framing), X-Frame-Options, nosniff and Referrer-Policy", () => {
    const res = page("/branches/BR-0042");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'(;|$)/);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const directives = [
      "default-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
    ];
    for (const directive of directives) expect(csp).toContain(directive);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
  });

  it("hands Next.js the same policy on the request (that is where it reads the nonce to stamp its scripts)", () => {
    const res = page("/login?next=%2Fbranches");
    const sent = res.headers.get("x-middleware-request-content-security-policy");
    expect(nonceOf(sent)).toBeDefined();
    expect(nonceOf(sent)).toBe(nonceOf(res.headers.get("content-security-policy")));
    expect(res.headers.get("x-middleware-request-x-branchdesk-path")).toBe("/login?next=%2Fbranches");
  });

  it("never repeats a nonce", () => {
    const nonces = new Set(Array.from({ length: 50 }, () => nonceOf(page("/").headers.get("content-security-policy"))));
    expect(nonces.size).toBe(50);
  });

  it("runs on pages, not on the API (apiHandler sets the API's own headers) nor on static files", () => {
    const [matcher] = config.matcher;
    const re = new RegExp(`^${matcher}$`);
    for (const p of ["/", "/login", "/branches/BR-0042", "/no-such-page"]) expect(re.test(p), p).toBe(true);
    for (const p of ["/api/v1/branches", "/_next/static/chunks/x.js"]) expect(re.test(p), p).toBe(false);
  });
});
