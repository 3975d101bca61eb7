import { describe, expect, it } from "vitest";
import { resolveSshAddress, sshAddressPolicy } from "./resolve-ssh-address";

const ctx = { where: "gateway gw-0042 (BR-0042)", port: 22, username: "root", timeoutMs: 1_000 };
const strict = { allowLoopback: false };
const answering = (...addresses: string[]) => async () => addresses;

describe("resolveSshAddress: the address the dashboard may dial, checked at connect time", () => {
  it("a literal is checked without any lookup", async () => {
    const never = async () => { throw new Error("must not resolve a literal"); };
    expect(await resolveSshAddress("203.0.113.10", ctx, { resolve: never, policy: strict })).toEqual({ ok: true, value: "203.0.113.10" });
    expect(await resolveSshAddress("169.254.169.254", ctx, { resolve: never, policy: strict }))
      .toMatchObject({ ok: false, error: { kind: "address-refused", where: ctx.where, message: expect.stringContaining("link-local") } });
  });

  it.each([
    [["198.51.100.7"], "198.51.100.7"],
    [["198.18.4.1", "198.18.4.2"], "198.18.4.1"],
  ])("a name resolving only to allowed addresses (%j) dials the first checked one", async (addresses, dialled) => {
    expect(await resolveSshAddress("gw-0042.bank.example", ctx, { resolve: answering(...addresses), policy: strict }))
      .toEqual({ ok: true, value: dialled });
  });

  it.each([
    [["127.0.0.1"], "loopback"],
    [["198.51.100.7", "169.254.169.254"], "169.254.169.254"],
    [["0.0.0.0"], "0.0.0.0/8"],
    [["224.0.0.251"], "multicast"],
  ])("a name with any refused address (%j) is refused as a whole", async (addresses, why) => {
    const r = await resolveSshAddress("gw-0042.bank.example", ctx, { resolve: answering(...addresses), policy: strict });
    expect(r).toMatchObject({ ok: false, error: { kind: "address-refused", message: expect.stringContaining(why) } });
    if (!r.ok) expect(r.error.message).toContain("gw-0042.bank.example resolves to");
  });

  it("a name that does not resolve, or resolves to nothing, is a 'dns' failure", async () => {
    const failing = async () => { throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" }); };
    expect(await resolveSshAddress("gw.invalid", ctx, { resolve: failing, policy: strict })).toMatchObject({ ok: false, error: { kind: "dns" } });
    expect(await resolveSshAddress("gw.example", ctx, { resolve: answering(), policy: strict })).toMatchObject({ ok: false, error: { kind: "dns" } });
  });

  it("a stored value the save-time rules refuse is refused again here, before any lookup", async () => {
    for (const stored of ["0x7f.0.0.1", "localhost", "not a name"]) {
      expect((await resolveSshAddress(stored, ctx, { resolve: answering("203.0.113.10"), policy: strict })).ok, stored).toBe(false);
    }
  });

  it("the test escape is off unless BRANCHDESK_ALLOW_LOOPBACK_SSH is exactly 1, and only lets loopback through", async () => {
    expect(sshAddressPolicy({})).toEqual({ allowLoopback: false });
    expect(sshAddressPolicy({ BRANCHDESK_ALLOW_LOOPBACK_SSH: "true" })).toEqual({ allowLoopback: false });
    const escape = sshAddressPolicy({ BRANCHDESK_ALLOW_LOOPBACK_SSH: "1" });
    expect(await resolveSshAddress("127.0.0.1", ctx, { policy: escape })).toEqual({ ok: true, value: "127.0.0.1" });
    expect((await resolveSshAddress("169.254.169.254", ctx, { policy: escape })).ok).toBe(false);
  });
});
