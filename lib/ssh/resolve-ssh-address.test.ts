import { describe, expect, it } from "vitest";
import { resolveSshAddress, sshAddressPolicy } from "./resolve-ssh-address";

const ctx = { where: "gateway gw-0042 (BR-0042)", port: 22, username: "root", timeoutMs: 1_000 };
const strict = { allowLoopback: false };
const answering =
  (...addresses: string[]) =>
  async () =>
    addresses;
/** resolveSshAddress with the strict policy and a stand-in resolver. */
const check = (address: string, resolve: (name: string) => Promise<string[]>) =>
  resolveSshAddress(address, ctx, { resolve, policy: strict });

describe("resolveSshAddress: the address the dashboard may dial, checked at connect time", () => {
  it("a literal is checked without any lookup", async () => {
    const never = async () => {
      throw new Error("must not resolve a literal");
    };
    expect(await check("203.0.113.10", never)).toEqual({ ok: true, value: "203.0.113.10" });
    const refused = { kind: "address-refused", where: ctx.where, message: expect.stringContaining("link-local") };
    expect(await check("169.254.169.254", never)).toMatchObject({ ok: false, error: refused });
  });

  it.each([
    [["198.51.100.7"], "198.51.100.7"],
    [["198.18.4.1", "198.18.4.2"], "198.18.4.1"],
  ])("a name resolving only to allowed addresses (%j) dials the first checked one", async (addresses, dialled) => {
    expect(await check("gw-0042.bank.example", answering(...addresses))).toEqual({ ok: true, value: dialled });
  });

  it.each([
    [["127.0.0.1"], "loopback"],
    [["198.51.100.7", "169.254.169.254"], "169.254.169.254"],
    [["0.0.0.0"], "0.0.0.0/8"],
    [["224.0.0.251"], "multicast"],
  ])("a name with any refused address (%j) is refused as a whole", async (addresses, why) => {
    const r = await check("gw-0042.bank.example", answering(...addresses));
    expect(r).toMatchObject({ ok: false, error: { kind: "address-refused", message: expect.stringContaining(why) } });
    if (!r.ok) expect(r.error.message).toContain("gw-0042.bank.example resolves to");
  });

  it("a name that does not resolve, or resolves to nothing, is a 'dns' failure", async () => {
    const failing = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    };
    expect(await check("gw.invalid", failing)).toMatchObject({ ok: false, error: { kind: "dns" } });
    expect(await check("gw.example", answering())).toMatchObject({ ok: false, error: { kind: "dns" } });
  });

  it("a stored value the save-time rules refuse is refused again here, before any lookup", async () => {
    for (const stored of ["0x7f.0.0.1", "localhost", "not a name"]) {
      expect((await check(stored, answering("203.0.113.10"))).ok, stored).toBe(false);
    }
  });

  it("the test escape is off unless BRANCHDESK_ALLOW_LOOPBACK_SSH=1, and lets only loopback through", async () => {
    expect(sshAddressPolicy({})).toEqual({ allowLoopback: false });
    expect(sshAddressPolicy({ BRANCHDESK_ALLOW_LOOPBACK_SSH: "true" })).toEqual({ allowLoopback: false });
    const escape = sshAddressPolicy({ BRANCHDESK_ALLOW_LOOPBACK_SSH: "1" });
    expect(await resolveSshAddress("127.0.0.1", ctx, { policy: escape })).toEqual({ ok: true, value: "127.0.0.1" });
    expect((await resolveSshAddress("169.254.169.254", ctx, { policy: escape })).ok).toBe(false);
  });
});
