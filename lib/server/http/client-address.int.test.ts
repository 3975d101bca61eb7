import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pinClientAddress, resolveClientAddress, trustedProxiesFromEnv } from "./client-address";

describe("resolveClientAddress", () => {
  it("with no trusted proxy the socket's peer is the client; a sent X-Forwarded-For is ignored", () => {
    expect(resolveClientAddress(undefined, "198.51.100.7", 0)).toBe("198.51.100.7");
    expect(resolveClientAddress("203.0.113.99", "198.51.100.7", 0)).toBe("198.51.100.7");
    expect(resolveClientAddress(["203.0.113.1, 203.0.113.2"], "198.51.100.7", 0)).toBe("198.51.100.7");
  });

  it(
    "with N trusted proxies the entry left of the last N hops is the client; " +
      "entries a client prepends do not matter",
    () => {
      // client 203.0.113.5 -> proxy 198.51.100.2 (socket peer)
      expect(resolveClientAddress("203.0.113.5", "198.51.100.2", 1)).toBe("203.0.113.5");
      expect(resolveClientAddress("1.1.1.1, 203.0.113.5", "198.51.100.2", 1)).toBe("203.0.113.5");
      // client -> edge proxy 198.51.100.3 -> inner proxy 198.51.100.2 (socket peer)
      expect(resolveClientAddress("spoofed, 203.0.113.5, 198.51.100.3", "198.51.100.2", 2)).toBe("203.0.113.5");
    },
  );

  it("a request that bypassed the proxies falls back to the leftmost address it has", () => {
    expect(resolveClientAddress(undefined, "198.51.100.7", 1)).toBe("198.51.100.7");
    expect(resolveClientAddress(undefined, undefined, 0)).toBe("unknown");
  });

  it("unwraps IPv4-mapped IPv6 and caps the length", () => {
    expect(resolveClientAddress(undefined, "::ffff:192.0.2.4", 0)).toBe("192.0.2.4");
    expect(resolveClientAddress(undefined, "2001:db8::1", 0)).toBe("2001:db8::1");
    expect(resolveClientAddress("x".repeat(100), "198.51.100.2", 1)).toHaveLength(64);
  });
});

describe("trustedProxiesFromEnv", () => {
  it("defaults to 0 and reads a whole number", () => {
    expect(trustedProxiesFromEnv({})).toBe(0);
    expect(trustedProxiesFromEnv({ BRANCHDESK_TRUSTED_PROXIES: " 2 " })).toBe(2);
  });
  it.each(["-1", "1.5", "many", "11"])("refuses %j, naming the variable", (v) => {
    expect(() => trustedProxiesFromEnv({ BRANCHDESK_TRUSTED_PROXIES: v })).toThrow(
      /BRANCHDESK_TRUSTED_PROXIES .*\(got /,
    );
  });
});

describe("pinClientAddress on a real socket", () => {
  let server: Server;
  let trusted = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      pinClientAddress(req, trusted);
      res.end(String(req.headers["x-forwarded-for"]));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const get = (headers: Record<string, string>) =>
    new Promise<string>((resolve, reject) => {
      const { port } = server.address() as AddressInfo;
      request({ host: "127.0.0.1", port, headers }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => {
          body += c.toString();
        });
        res.on("end", () => resolve(body));
      })
        .on("error", reject)
        .end();
    });

  it("a client talking straight to the dashboard cannot choose its address", async () => {
    trusted = 0;
    expect(await get({ "x-forwarded-for": "203.0.113.77" })).toBe("127.0.0.1");
    expect(await get({})).toBe("127.0.0.1");
  });

  it("behind one trusted proxy, the proxy's entry names the client", async () => {
    trusted = 1;
    expect(await get({ "x-forwarded-for": "spoofed, 203.0.113.77" })).toBe("203.0.113.77");
  });
});
