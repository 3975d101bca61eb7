/**
 * The agent's planner (agents/lib/plan.awk) on its own, without root: mawk
 * under dash and busybox awk under busybox, on the rules' recorded fixtures
 * and the golden branches. One table of cases that the box's planner and the
 * dashboard's diff (diffRuleSet) both pass: "is this a change?" is decided
 * on both sides, so they must agree, and where they do not on purpose the
 * case says why.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { changeCaseRuleSet, loadChangeCases } from "@/lib/domain/nat-audit/testdata/change-cases";
import { unwrap } from "@/lib/domain/result";
import { diffRuleSet, parseEbtables, parseIptablesSave, renderRuleSet, type RuleSet } from "@/lib/domain/rules";
import { BRANCHES } from "@/lib/domain/rules/testdata/branches";
import { SYSCTL_KEYS } from "@/lib/rollout/ssh/agent-constants";
import { runPlanner, type PlannerInput } from "./testing/run-planner";
import { SHELLS } from "./testing/shells";
import { converged, EMPTY_EBTABLES, EMPTY_IPTABLES } from "./testing/saved-state";

const FIXTURES = path.join(__dirname, "../lib/domain/rules/testdata/fixtures");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");
const branch = (name: string) => BRANCHES.find((b) => b.name === name)!;

type Case = {
  name: string;
  ruleSet: RuleSet;
  state: Omit<PlannerInput, "payload">;
  /** What the box's planner says. */
  plan: "noop" | "change";
  /** Set where the dashboard's diff answers differently on purpose. */
  tsDiffers?: string;
};

const debianGateway = fixture("debian12-nft-iptables-save.txt");
const ON = { "net.ipv4.ip_forward": "1", "net.bridge.bridge-nf-call-iptables": "1" };
const gatewayOnce = dropLast(debianGateway, "-A POSTROUTING -j BRANCHDESK-POST");
const hostApplied = converged(branch("host-one-guest").ruleSet);
const bare = { iptablesSave: EMPTY_IPTABLES, ebtablesSave: EMPTY_EBTABLES, sysctl: {} };
const CASES: Case[] = [
  ...BRANCHES.map((b): Case => ({
    name: `${b.name}: as applied`,
    ruleSet: b.ruleSet,
    state: converged(b.ruleSet),
    plan: "noop",
  })),
  ...BRANCHES.map((b): Case => ({ name: `${b.name}: a bare box`, ruleSet: b.ruleSet, plan: "change", state: bare })),
  {
    name: "Debian 12 gateway, docker and an admin's MASQUERADE around it, its jump listed twice",
    ruleSet: branch("gateway-one-guest").ruleSet,
    plan: "change",
    state: { iptablesSave: debianGateway, ebtablesSave: "", sysctl: ON, ebFlavour: "absent" },
  },
  {
    name: "the same gateway with its jump once, at the top of POSTROUTING",
    ruleSet: branch("gateway-one-guest").ruleSet,
    plan: "noop",
    state: { iptablesSave: gatewayOnce, ebtablesSave: "", sysctl: ON, ebFlavour: "absent" },
  },
  {
    name: "the same gateway, ip_forward off",
    ruleSet: branch("gateway-one-guest").ruleSet,
    plan: "change",
    state: {
      iptablesSave: gatewayOnce,
      ebtablesSave: "",
      sysctl: { ...ON, "net.ipv4.ip_forward": "0" },
      ebFlavour: "absent",
    },
  },
  {
    name: "CentOS 7 host: iptables 1.4.21 with counters, a rule appended twice, a stale guest",
    ruleSet: branch("host-one-guest").ruleSet,
    plan: "change",
    state: { ...hostApplied, iptablesSave: fixture("centos7-legacy-iptables-save.txt") },
  },
  {
    name: "Debian 12 host: ebtables-nft with another guest's arpreply still in BRANCHDESK-ARP",
    ruleSet: branch("host-one-guest").ruleSet,
    plan: "change",
    state: { ...hostApplied, ebtablesSave: fixture("debian12-nft-ebtables-save.txt") },
  },
  {
    name: "a host whose jump sits below libvirt's",
    ruleSet: branch("host-one-guest").ruleSet,
    plan: "noop",
    state: { ...hostApplied, iptablesSave: jumpBelow(hostApplied.iptablesSave) },
  },
];

function dropLast(dump: string, line: string): string {
  const lines = dump.split("\n");
  lines.splice(lines.lastIndexOf(line), 1);
  return lines.join("\n");
}

function jumpBelow(dump: string): string {
  const jump = "-A PREROUTING -j BRANCHDESK-PRE";
  return dump
    .replace(jump, `-A PREROUTING -j LIBVIRT_PRE\n${jump}`)
    .replace(":BRANCHDESK-PRE - [0:0]", ":BRANCHDESK-PRE - [0:0]\n:LIBVIRT_PRE - [0:0]");
}

function tsChanged(c: Case): boolean {
  const { iptablesSave, ebtablesSave, sysctl } = c.state;
  return diffRuleSet(c.ruleSet, {
    iptables: unwrap(parseIptablesSave(iptablesSave)),
    ebtables: ebtablesSave ? unwrap(parseEbtables(ebtablesSave)) : null,
    sysctl,
  }).changed;
}

describe.each(SHELLS)("the planner under %s", (shell) => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const out = await runPlanner(shell, { payload: renderRuleSet(c.ruleSet), ...c.state });
    expect(out.line).toMatch(new RegExp(`^ok ${c.plan} \\d+ \\d+$`));
    const tsSays = c.tsDiffers ? c.plan === "noop" : c.plan === "change";
    expect(tsChanged(c), c.tsDiffers ?? "the dashboard's diff agrees").toBe(tsSays);
    // The snapshot is the owned state found, as a payload: planned against
    // that same state it changes nothing (when the state was already applied).
    const snapshot = Object.fromEntries(
      Object.entries(out.files).flatMap(([f, t]) => (f.startsWith("snap/") ? [[f.slice(5), t]] : [])),
    );
    const again = await runPlanner(shell, { payload: snapshot, ...c.state });
    if (c.plan === "noop") expect(again.line).toMatch(/^ok noop /);
  });
});

// The shared table (issue 13, "one definition of changed"): the same cases
// the dashboard's diffRuleSet passes (lib/domain/nat-audit/change-cases.test.ts).
describe.each(SHELLS)("the shared change cases, planned under %s", (shell) => {
  it.each(loadChangeCases().map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const { iptablesSave, ebtablesSave, sysctl, ebFlavour } = c;
    const payload = renderRuleSet(changeCaseRuleSet(c));
    const out = await runPlanner(shell, { payload, iptablesSave, ebtablesSave: ebtablesSave ?? "", sysctl, ebFlavour });
    expect(out.line, c.why).toMatch(new RegExp(`^ok ${c.expect === "change" ? "change" : "noop"} \\d+ \\d+$`));
  });
});

describe.each(SHELLS)("the planner's transactions and refusals under %s", (shell) => {
  const host = branch("host-one-guest").ruleSet;
  const REDIRECT = "-A BRANCHDESK-PRE -d 203.0.113.10/32 -i virbr0 -p tcp -m tcp --dport 22 -j REDIRECT";
  const ARP =
    "-A BRANCHDESK-ARP -p ARP --arp-op Request --arp-ip-dst 203.0.113.10 -j arpreply " +
    "--arpreply-mac 52:54:00:01:02:0a";

  it.each([
    ["nft", ":BRANCHDESK-ARP RETURN"],
    ["legacy", "-N BRANCHDESK-ARP -P RETURN"],
  ] as const)("a bare box, ebtables %s: one transaction per table, jump on top", async (flavour, declare) => {
    const out = await runPlanner(shell, { payload: renderRuleSet(host), ...bare, ebFlavour: flavour });
    expect(out.line).toBe("ok change 3 3");
    const jump = "-I PREROUTING 1 -j";
    const ipt = `*nat\n:BRANCHDESK-PRE - [0:0]\n${REDIRECT}\n${jump} BRANCHDESK-PRE\nCOMMIT\n`;
    expect(out.files["tx.iptables"]).toBe(ipt);
    expect(out.files["tx.ebtables"]).toBe(`*nat\n${declare}\n${ARP}\n${jump} BRANCHDESK-ARP\n`);
  });

  const rendered = renderRuleSet(host);
  it.each([
    [
      "a sysctl outside the rules' own",
      { "branchdesk.sysctl": "net.ipv4.conf.all.rp_filter=1\n" },
      `only ${SYSCTL_KEYS.join(" ")} may be set`,
    ],
    [
      "another table",
      { "branchdesk.iptables": "*filter\n:BRANCHDESK-PRE - [0:0]\nCOMMIT\n" },
      "only the nat table may be written",
    ],
    [
      "a chain Branchdesk does not own",
      { "branchdesk.iptables": "*nat\n:DOCKER - [0:0]\nCOMMIT\n" },
      "declares a chain Branchdesk does not own",
    ],
    [
      "a jump from a user chain",
      { "branchdesk.jumps": "iptables nat DOCKER BRANCHDESK-PRE\n" },
      "a jump comes from a built-in chain",
    ],
    [
      "an ebtables chain that ends in ACCEPT",
      { "branchdesk.ebtables": rendered["branchdesk.ebtables"].replace(" RETURN", " ACCEPT") },
      "an owned ebtables chain must have policy RETURN",
    ],
    [
      "a quote in a rule (legacy ebtables splits rules into words)",
      { "branchdesk.ebtables": `${rendered["branchdesk.ebtables"]}-A BRANCHDESK-ARP -p ARP -j 'x'\n` },
      "unexpected character in a rule",
    ],
    ["a bridge that is not one interface name", { "branchdesk.bridge": "br0;reboot\n" }, "expected one interface name"],
  ] as const)("refuses %s, naming the file and line", async (_what, change, message) => {
    const payload = { ...rendered, "branchdesk.bridge": "virbr0\n", ...change };
    const out = await runPlanner(shell, { payload, ...bare });
    expect(out.line).toMatch(/^error: branchdesk\.[a-z]+ line \d+: /);
    expect(out.line).toContain(message);
  });
});

describe.each(SHELLS)("adoption (issue 13): hand-made lines go in the same transaction, under %s", (shell) => {
  const host = branch("host-one-guest").ruleSet;
  const HAND = "-A PREROUTING -d 203.0.113.10/32 -i virbr0 -p tcp -m tcp --dport 22 -j REDIRECT";
  const RDP = "-A PREROUTING -d 169.254.7.7/32 -p tcp -m tcp --dport 3389 -j DNAT --to-destination 203.0.113.10:3389";
  const handMade = (copies: number) =>
    EMPTY_IPTABLES.replace("COMMIT", [RDP, ...Array(copies).fill(HAND), "COMMIT"].join("\n"));
  const payload = (lines: string[]) => ({
    ...renderRuleSet(host),
    "branchdesk.adopt": lines.map((l) => `${l}\n`).join(""),
  });

  it("deletes each listed copy with -D; the snapshot rewrites PREROUTING as it was (foreign line too)", async () => {
    const out = await runPlanner(shell, { payload: payload([HAND, HAND]), ...bare, iptablesSave: handMade(2) });
    expect(out.line).toMatch(/^ok change /);
    const tx = out.files["tx.iptables"]!;
    expect(tx.split("\n").filter((l) => l.startsWith("-D "))).toEqual(Array(2).fill(`-D ${HAND.slice(3)}`));
    expect(tx).not.toContain("3389");
    expect(out.files["snap/branchdesk.builtin"]).toBe(["-F PREROUTING", RDP, HAND, HAND, ""].join("\n"));
    expect(out.files["before.canon"]).toContain(`adopt 2 ${HAND}`);
  });

  it("refuses when the box holds another number of copies than the plan lists", async () => {
    const out = await runPlanner(shell, { payload: payload([HAND, HAND]), ...bare, iptablesSave: handMade(1) });
    expect(out.line).toContain("the box has 1 copy of");
    expect(out.line).toContain("audit it again");
  });

  it.each([
    ["a rule of a user chain", "-A DOCKER -i docker0 -j RETURN"],
    ["Branchdesk's own jump", "-A PREROUTING -j BRANCHDESK-PRE"],
  ])("refuses to adopt %s", async (_what, line) => {
    const out = await runPlanner(shell, { payload: payload([line]), ...bare });
    expect(out.line).toMatch(/^error: branchdesk\.adopt line 1: /);
  });

  it("a payload may not carry a built-in chain rewrite (only a rollback snapshot does)", async () => {
    const p = { ...renderRuleSet(host), "branchdesk.builtin": "-F PREROUTING\n" };
    const out = await runPlanner(shell, { payload: p, ...bare });
    expect(out.line).toContain("a payload may not rewrite a built-in chain");
  });
});
