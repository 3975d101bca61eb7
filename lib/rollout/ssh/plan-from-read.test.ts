import { describe, expect, it } from "vitest";
import { buildHostRuleSet } from "@/lib/domain/rules/build-host-rule-set";
import { unwrap } from "@/lib/domain/result";
import { parseIfname, parseIpv4, parseMac } from "@/lib/domain/values";
import { parseAdoptLine } from "@/lib/domain/nat-audit/adopt-line";
import { planFromRead } from "./plan-from-read";
import type { BoxState } from "./read-state";

const desired = buildHostRuleSet({
  bridge: unwrap(parseIfname("virbr0")),
  guests: [{ ip: unwrap(parseIpv4("198.18.1.10")), mac: unwrap(parseMac("52:54:00:00:01:0a")) }],
});
const EB_OK = [
  "*nat",
  ":PREROUTING ACCEPT",
  ":OUTPUT ACCEPT",
  ":POSTROUTING ACCEPT",
  ":BRANCHDESK-ARP RETURN",
  "-A PREROUTING -j BRANCHDESK-ARP",
  "-A BRANCHDESK-ARP -p ARP --arp-op Request --arp-ip-dst 198.18.1.10 -j arpreply --arpreply-mac 52:54:00:00:01:0a",
].join("\n");
const ipt = (...lines: string[]) =>
  [
    "*nat",
    ":PREROUTING ACCEPT [0:0]",
    ":INPUT ACCEPT [0:0]",
    ":OUTPUT ACCEPT [0:0]",
    ":POSTROUTING ACCEPT [0:0]",
    ...lines,
    "COMMIT",
    "",
  ].join("\n");
const REDIRECT = "-A BRANCHDESK-PRE -d 198.18.1.10/32 -i virbr0 -p tcp -m tcp --dport 22 -j REDIRECT";
const SYSCTL = { "net.bridge.bridge-nf-call-iptables": "1" };
const CONVERGED: BoxState = {
  iptablesNat: ipt(":BRANCHDESK-PRE - [0:0]", "-A PREROUTING -j BRANCHDESK-PRE", REDIRECT),
  ebtablesNat: EB_OK,
  sysctl: SYSCTL,
  pending: null,
};
const PENDING = { token: "r7-0a1b2c3d4e5f", secondsLeft: 27, timerAlive: true };

/** The plan of a box that is not in flux. */
const planOf = (read: BoxState) => {
  const outcome = unwrap(planFromRead(desired, read));
  if (outcome.kind !== "plan") throw new Error(`expected a plan, got ${outcome.kind}`);
  return outcome.plan;
};

describe("planFromRead", () => {
  it("a box already in the desired state plans no change, showing the rules in place", () => {
    const plan = planOf(CONVERGED);
    expect(plan.changed).toBe(false);
    expect(plan.counts).toMatchObject({ add: 0, remove: 0, inPlace: 2 });
    expect(plan.diff.every((l) => l.startsWith("  "))).toBe(true);
  });

  it("a bare box: every rule to add, the jump missing, the sysctl wrong; foreign rules listed as left alone", () => {
    const plan = planOf({
      iptablesNat: ipt(
        ":LIBVIRT_PRT - [0:0]",
        "-A POSTROUTING -j LIBVIRT_PRT",
        "-A LIBVIRT_PRT -s 192.0.2.0/24 ! -d 192.0.2.0/24 -j MASQUERADE",
      ),
      ebtablesNat: null,
      sysctl: { "net.bridge.bridge-nf-call-iptables": "0" },
      pending: null,
    });
    expect(plan.changed).toBe(true);
    expect(plan.diff).toEqual(
      expect.arrayContaining([
        `+ ${REDIRECT}`,
        expect.stringMatching(/^\+ -A BRANCHDESK-ARP .*arpreply/),
        expect.stringMatching(/^! jump PREROUTING -> BRANCHDESK-PRE missing/),
        "! sysctl net.bridge.bridge-nf-call-iptables is 0, want 1",
        expect.stringMatching(/^\? foreign: .*MASQUERADE.*\(left alone\)$/),
      ]),
    );
  });

  it("unparseable kernel output is an error, not an empty plan", () => {
    expect(planFromRead(desired, { ...CONVERGED, iptablesNat: "*nat\n-A PREROUTING -j\nCOMMIT\n" }).ok).toBe(false);
  });

  it("a box holding an unconfirmed change is in flux, never 'unchanged', even with exactly the desired rules", () => {
    const read = { ...CONVERGED, pending: PENDING };
    expect(planFromRead(desired, read)).toEqual({ ok: true, value: { kind: "in-flux", pending: PENDING } });
  });

  it("the change this session just applied (checked before its confirm) is planned like any state", () => {
    const read = { ...CONVERGED, pending: PENDING };
    const own = unwrap(planFromRead(desired, read, PENDING.token));
    expect(own).toMatchObject({ kind: "plan", plan: { changed: false } });
  });
});

describe("planFromRead with an adoption (issue 13)", () => {
  const HAND = "-A PREROUTING -d 198.18.1.10/32 -i virbr0 -p tcp -m tcp --dport 22 -j REDIRECT";
  const adopt = [unwrap(parseAdoptLine(HAND)), unwrap(parseAdoptLine(HAND))];
  const withHand = (n: number): BoxState => ({
    ...CONVERGED,
    iptablesNat: ipt(":BRANCHDESK-PRE - [0:0]", "-A PREROUTING -j BRANCHDESK-PRE", ...Array(n).fill(HAND), REDIRECT),
  });

  it("the listed copies on a converged box are a change: each one a '- ' line", () => {
    const out = unwrap(planFromRead(desired, withHand(2), undefined, adopt));
    expect(out.kind === "plan" && [out.plan.changed, out.plan.counts.remove]).toEqual([true, 2]);
    expect(out.kind === "plan" && out.plan.diff.slice(0, 2)).toEqual(Array(2).fill(`- ${HAND} (hand-made, adopted)`));
  });

  it("another number of copies before the apply means the box changed since the audit", () => {
    for (const n of [0, 1, 3]) {
      const out = planFromRead(desired, withHand(n), undefined, adopt);
      expect(!out.ok && out.error).toContain(`the box has ${n} copies`);
    }
  });

  it("read back after its own apply: none left is no change", () => {
    const out = unwrap(planFromRead(desired, withHand(0), "r1-0a1b2c3d4e5f", adopt));
    expect(out.kind === "plan" && out.plan.changed).toBe(false);
  });
});
