import { describe, expect, it } from "vitest";
import { parseBoxState } from "./read-state";

const OUT = [
  "@@iptables",
  "*nat",
  ":PREROUTING ACCEPT [0:0]",
  "COMMIT",
  "@@ebtables",
  "*nat",
  ":PREROUTING ACCEPT",
  "@@sysctl",
  "net/ipv4/ip_forward=1",
  "net/bridge/bridge-nf-call-iptables=0",
  "@@pending",
  "@@end",
  "",
].join("\n");
const withPending = (...lines: string[]) => OUT.replace("@@pending\n", ["@@pending", ...lines, ""].join("\n"));

describe("parseBoxState", () => {
  it("splits the sections and names sysctls with dots", () => {
    const r = parseBoxState(OUT);
    expect(r).toEqual({
      ok: true,
      value: {
        iptablesNat: "*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT",
        ebtablesNat: "*nat\n:PREROUTING ACCEPT",
        sysctl: { "net.ipv4.ip_forward": "1", "net.bridge.bridge-nf-call-iptables": "0" },
        pending: null,
      },
    });
  });

  it("a box without ebtables reads as null, and a missing br_netfilter key is simply absent", () => {
    const text = ["@@iptables", "*nat", "@@ebtables", "@@absent", "@@sysctl", "net/ipv4/ip_forward=0", "@@pending"];
    const r = parseBoxState([...text, "@@end"].map((l) => `${l}\n`).join(""));
    expect(r.ok && r.value.ebtablesNat).toBeNull();
    expect(r.ok && r.value.sysctl).toEqual({ "net.ipv4.ip_forward": "0" });
  });

  it.each([
    ["its dead-man timer running", "r12-0a1b 27 alive", { token: "r12-0a1b", secondsLeft: 27, timerAlive: true }],
    ["its timer killed: nothing will roll it back", "t1 0 stopped", { token: "t1", secondsLeft: 0, timerAlive: false }],
    // Pending when the read began, gone when it ended: the tables may show
    // it either way, so it counts as about to resolve (read again shortly).
    ["resolved while the tables were read", "t1 resolved", { token: "t1", secondsLeft: 0, timerAlive: true }],
  ])("an unconfirmed change on the box is reported: %s", (_, line, pending) => {
    const r = parseBoxState(withPending(line));
    expect(r.ok && r.value.pending).toEqual(pending);
  });

  it.each([
    ["output cut short", "@@iptables\n*nat\n"],
    ["iptables-save failed", "@@iptables\n@@error iptables-save failed\n@@end\n"],
    ["nothing at all", ""],
    ["no pending section (it cannot tell whether a change is unconfirmed)", OUT.replace("@@pending\n", "")],
    ["a pending line that is not token, seconds, timer", withPending("t1 soon alive")],
    ["a pending token the agent would never write", withPending("../x 3 alive")],
  ])("refuses %s", (_, text) => {
    expect(parseBoxState(text).ok).toBe(false);
  });
});
