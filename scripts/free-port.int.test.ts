import net from "node:net";
import { describe, expect, it } from "vitest";
import { freePort } from "./free-port";

const listen = (port: number) =>
  new Promise<net.Server>((resolve) => {
    const s = net.createServer();
    s.listen(port, "127.0.0.1", () => resolve(s));
  });

describe("the end-to-end runner's port", () => {
  it("is one nobody listens on, never a port another process holds", async () => {
    const other = await listen(0);
    const taken = (other.address() as net.AddressInfo).port;
    try {
      const port = await freePort();
      expect(port).not.toBe(taken);
      await (await listen(port)).close();
    } finally {
      other.close();
    }
  });

  it("refuses loudly when the pinned port is taken", async () => {
    const other = await listen(0);
    const taken = (other.address() as net.AddressInfo).port;
    try {
      await expect(freePort(taken)).rejects.toThrow(`port ${taken} is taken`);
    } finally {
      other.close();
    }
  });
});
