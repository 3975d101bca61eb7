/**
 * "Why can't head office reach this desktop?": HQ -> guest-IP:22 simulated
 * with the boxes' running rules, in the order the kernel applies them:
 * 1. the gateway's nat PREROUTING (a DNAT would change the destination),
 * 2. the gateway's nat POSTROUTING (the SNAT to its link-local address),
 * 3. the host's ebtables nat PREROUTING, for the gateway's ARP request
 *    "who has guest-IP?" (the arpreply answers even while the guest is off),
 * 4. the host's iptables nat PREROUTING (the REDIRECT to the host's sshd;
 *    bridged frames reach it only with bridge-nf-call-iptables=1).
 * Every rule evaluated is a step (match, no match, or unknown when the rule
 * has options Branchdesk does not interpret or the packet leaves a field open:
 * such a rule is taken as not matching, and the verdict says it is unsure).
 */
import { evaluateRule, type PacketFields } from "./evaluate-rule";
import type { NatRule, NatTable, NatTrace, TracePacket, TraceStage, TraceStep, TraceTables } from "./nat-audit-types";
import { refOf } from "./find-shadowing";
import { layoutOf, policyReturns, type Layout } from "./rule-action";

type Decision = { rule: NatRule | null; unsure: boolean };
type Walk = { table: NatTable; layout: Layout; stage: TraceStage; steps: TraceStep[]; unsure: boolean };

function describeTarget(r: NatRule, p: PacketFields): string {
  const t = r.target;
  switch (t.kind) {
    case "SNAT":
      return `SNAT to ${t.toSource}`;
    case "DNAT":
      return `DNAT to ${t.toDestination}`;
    case "REDIRECT":
      return `REDIRECT to local :${t.toPorts ?? p.dport ?? "(same port)"}`;
    case "MASQUERADE":
      return `MASQUERADE (source becomes ${p.outIf ?? "the outgoing interface"}'s address)`;
    case "ARPREPLY":
      return `ARP reply ${t.arpreplyMac}`;
    case "JUMP":
    case "GOTO":
      return `${t.kind === "JUMP" ? "jump" : "goto"} ${t.chain}`;
    case "NONE":
      return "counts only, continues";
    case "OTHER":
      return `${t.name}, continues`;
    default:
      return t.kind;
  }
}

/** Walks one chain; returns the deciding rule (null: fell through to the policy or returned). */
function walk(w: Walk, chain: string, p: PacketFields, depth: number): { decided: NatRule | null; returned: boolean } {
  if (depth > 32) return { decided: null, returned: true };
  for (const i of w.layout.byChain.get(chain) ?? []) {
    const r = w.table.rules[i]!;
    const result = evaluateRule(r, p);
    const step = { stage: w.stage, rule: refOf(w.table, i), chain, result };
    if (result !== "match") {
      if (result === "unknown") w.unsure = true;
      w.steps.push({ ...step, note: result === "unknown" ? "cannot tell: taken as no match" : "no match" });
      continue;
    }
    w.steps.push({ ...step, note: describeTarget(r, p) });
    const a = w.layout.actions[i]!;
    if (a.kind === "terminal") return { decided: r, returned: false };
    if (a.kind === "return") return { decided: null, returned: true };
    if (a.kind === "jump" || a.kind === "goto") {
      const inner = walk(w, a.chain, p, depth + 1);
      if (inner.decided || !inner.returned) return inner;
      if (a.kind === "goto") return { decided: null, returned: true };
    }
  }
  const policy = w.layout.policy.get(chain) ?? "-";
  const builtin = w.layout.builtins.includes(chain);
  if (builtin || !policyReturns(policy)) {
    w.steps.push({ stage: w.stage, rule: null, chain, result: "match", note: `policy ${policy}` });
    return { decided: null, returned: false };
  }
  return { decided: null, returned: true };
}

function runStage(table: NatTable | null, stage: TraceStage, p: PacketFields, steps: TraceStep[]): Decision | null {
  if (!table) {
    steps.push({ stage, rule: null, chain: "PREROUTING", result: "unknown", note: "no table read" });
    return null;
  }
  const w: Walk = { table, layout: layoutOf(table), stage, steps, unsure: false };
  const chain = stage === "gateway POSTROUTING" ? "POSTROUTING" : "PREROUTING";
  const { decided, returned } = walk(w, chain, p, 0);
  // RETURN in a built-in chain ends it like falling off its end: the policy applies.
  const policy = w.layout.policy.get(chain) ?? "ACCEPT";
  if (returned) steps.push({ stage, rule: null, chain, result: "match", note: `policy ${policy}` });
  return { rule: decided, unsure: w.unsure };
}

/** "a.b.c.d", "a.b.c.d-e.f.g.h:1-2", "a.b.c.d:22": the first address and the port, if any. */
function firstAddress(to: string | null): { ip: string | undefined; port: number | undefined } {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})?(?:-[\d.]+)?(?::(\d+))?/.exec(to ?? "");
  return { ip: m?.[1], port: m?.[2] ? Number(m[2]) : undefined };
}

function ok(d: Decision | null, good: boolean): boolean | null {
  if (!d) return null;
  return d.unsure ? null : good;
}

export function traceNat(tables: TraceTables, packet: TracePacket): NatTrace {
  const steps: TraceStep[] = [];
  const base = { proto: packet.proto, sport: packet.sport, dport: packet.dport };
  let dst: string = packet.dst;
  let dport = packet.dport;
  const pre = runStage(
    tables.gateway,
    "gateway PREROUTING",
    { ...base, src: packet.src, dst, inIf: packet.gatewayInIf },
    steps,
  );
  if (pre?.rule?.target.kind === "DNAT") {
    const to = firstAddress(pre.rule.target.toDestination);
    dst = to.ip ?? dst;
    dport = to.port ?? dport;
  }
  const gatewayTookIt = pre?.rule?.target.kind === "REDIRECT";
  const postPacket = { ...base, dport, src: packet.src, dst, outIf: packet.gatewayOutIf };
  const post = gatewayTookIt ? null : runStage(tables.gateway, "gateway POSTROUTING", postPacket, steps);
  const snat = post?.rule?.target.kind === "SNAT" ? (firstAddress(post.rule.target.toSource).ip ?? null) : null;
  const source = snat ?? (post?.rule?.target.kind === "MASQUERADE" ? null : packet.src);
  const arp: PacketFields = {
    proto: "ARP",
    arpOp: "Request",
    arpIpDst: dst,
    arpIpSrc: source ?? undefined,
    inIf: packet.hostPort,
    srcMac: packet.gatewayMac,
    dstMac: "ff:ff:ff:ff:ff:ff",
  };
  const ebt = runStage(tables.hostEbtables, "host ebtables PREROUTING", arp, steps);
  const arpMac = ebt?.rule?.target.kind === "ARPREPLY" ? ebt.rule.target.arpreplyMac : null;
  const hostPacket = { ...base, dport, src: source ?? undefined, dst, inIf: packet.hostBridge };
  const host = runStage(tables.hostIptables, "host PREROUTING", hostPacket, steps);
  const redirect = host?.rule?.target.kind === "REDIRECT" ? `:${host.rule.target.toPorts ?? dport}` : null;

  const parts = [
    gatewayTookIt
      ? "REDIRECT to the gateway itself"
      : snat
        ? `SNAT to ${snat}`
        : `no SNAT at the gateway (source stays ${source ?? "the gateway's address"})`,
    arpMac ? `ARP reply ${arpMac}` : "no ARP reply from the host's rules",
    redirect ? `REDIRECT to local ${redirect}` : "no REDIRECT on the host",
  ];
  const checks = [
    gatewayTookIt ? false : ok(post, snat !== null && snat.startsWith("169.254.")),
    ok(ebt, arpMac !== null),
    ok(host, redirect !== null),
  ];
  const reachable = checks.includes(false) ? false : checks.every((c) => c === true) ? true : null;
  const stages: [Decision | null, TraceStage][] = [
    [pre, "gateway PREROUTING"],
    [post, "gateway POSTROUTING"],
    [ebt, "host ebtables PREROUTING"],
    [host, "host PREROUTING"],
  ];
  const unsureIn = stages.filter(([d]) => d?.unsure).map(([, s]) => s);
  const unsure = unsureIn.length > 0 ? ` (unsure: ${unsureIn.join(", ")} has a rule it could not evaluate)` : "";
  return {
    steps,
    verdict: {
      summary: `${parts.join(", ")}${unsure}`,
      reachable,
      gatewaySource: snat,
      arpReplyMac: arpMac,
      hostRedirect: redirect ? `local ${redirect}` : null,
    },
  };
}
