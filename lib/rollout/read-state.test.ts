import { describe, expect, it } from "vitest";
import { parseBoxState } from "./read-state";

const OUT = [
  "@@iptables", "*nat", ":PREROUTING ACCEPT [0:0]", "COMMIT",
  "@@ebtables", "*nat", ":PREROUTING ACCEPT",
  "@@sysctl", "net/ipv4/ip_forward=1", "net/bridge/bridge-nf-call-iptables=0",
  "@@end", "",
].join("\n");

describe("parseBoxState", () => {
  it("splits the sections and names sysctls with dots", () => {
    const r = parseBoxState(OUT);
    expect(r).toEqual({ ok: true, value: {
      iptablesNat: "*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT",
      ebtablesNat: "*nat\n:PREROUTING ACCEPT",
      sysctl: { "net.ipv4.ip_forward": "1", "net.bridge.bridge-nf-call-iptables": "0" },
    } });
  });

  it("a box without ebtables reads as null, and a missing br_netfilter key is simply absent", () => {
    const r = parseBoxState("@@iptables\n*nat\n@@ebtables\n@@absent\n@@sysctl\nnet/ipv4/ip_forward=0\n@@end\n");
    expect(r.ok && r.value.ebtablesNat).toBeNull();
    expect(r.ok && r.value.sysctl).toEqual({ "net.ipv4.ip_forward": "0" });
  });

  it.each([
    ["output cut short", "@@iptables\n*nat\n"],
    ["iptables-save failed", "@@iptables\n@@error iptables-save failed\n@@end\n"],
    ["nothing at all", ""],
  ])("refuses %s", (_, text) => {
    expect(parseBoxState(text).ok).toBe(false);
  });
});
