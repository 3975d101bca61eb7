import { describe, expect, it } from "vitest";
import { unwrap } from "@/lib/domain/result";
import { sshRouteKey } from "./ssh-route-key";
import { describeTarget, parseSshTarget } from "./ssh-target";

const PIN = "SHA256:fZT1OXreOvVMN02Xe7n6iVxmOeD7L/DFi9FzoWY9H2c";
const OTHER_PIN = "SHA256:+/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const valid = {
  label: "host br-0001-h01",
  address: "169.254.0.11",
  port: 22,
  username: "root",
  pinnedFingerprint: PIN,
};

describe("parseSshTarget", () => {
  it("accepts an IPv4 or a DNS name, a port, a user and an optional pin", () => {
    expect(unwrap(parseSshTarget(valid))).toEqual(valid);
    expect(
      unwrap(parseSshTarget({ ...valid, address: "GW-0001.Branches.Example", port: "2222", pinnedFingerprint: null })),
    ).toMatchObject({ address: "gw-0001.branches.example", port: 2222, pinnedFingerprint: null });
  });

  it("reports every bad field at once, keyed by field", () => {
    const r = parseSshTarget({
      label: " ",
      address: "198.51.100.300",
      port: 0,
      username: "root; reboot",
      pinnedFingerprint: "md5:xx",
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.error).sort()).toEqual(["address", "label", "pinnedFingerprint", "port", "username"]);
    expect(r.error.address?.[0]).toContain("octet 300 > 255");
    expect(r.error.username?.[0]).toContain('"root; reboot" is not a valid user name');
  });

  it.each(["0x7f.0.0.1", "127.1", "2130706433", "gw.example.0x10"])("refuses the number-form address %s", (address) => {
    const r = parseSshTarget({ ...valid, address });
    expect(r.ok ? r.value : r.error).toMatchObject({ address: [expect.stringContaining("dotted quad")] });
  });

  it("describes a target by label and where we connect", () => {
    expect(describeTarget(unwrap(parseSshTarget(valid)))).toBe("host br-0001-h01 (169.254.0.11:22)");
  });
});

describe("sshRouteKey", () => {
  const a = unwrap(parseSshTarget(valid));

  it("differs for two branches' hosts that share a link-local address", () => {
    const b = unwrap(parseSshTarget({ ...valid, label: "host br-0002-h01", pinnedFingerprint: OTHER_PIN }));
    expect(a.address).toBe(b.address);
    expect(sshRouteKey(a)).not.toBe(sshRouteKey(b));
  });

  it("differs when the same box is re-pinned, so no session verified against the old key is reused", () => {
    const repinned = unwrap(parseSshTarget({ ...valid, pinnedFingerprint: OTHER_PIN }));
    expect(sshRouteKey(a)).not.toBe(sshRouteKey(repinned));
  });

  it("is stable for the same target", () => {
    expect(sshRouteKey(a)).toBe(sshRouteKey(unwrap(parseSshTarget({ ...valid }))));
  });
});
