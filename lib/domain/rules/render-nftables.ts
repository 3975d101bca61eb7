/**
 * The iptables part of a RuleSet as a native nftables ruleset, for gateways
 * (and hosts) that run nft rather than iptables. Applied with `nft -f`, which
 * is atomic: the file first creates the table (a no-op when present), deletes
 * it, and declares it whole, so re-applying yields the same table with no
 * duplicates. Branchdesk owns the whole `inet branchdesk` table; no jump is
 * needed, since every base chain on a hook is called by the kernel.
 *
 * Priorities sit 10 before iptables-nft's nat chains (dstnat = -100,
 * srcnat = 100): the NAT core runs nat chains in priority order until one
 * sets up a mapping, so Branchdesk's narrow rules win over a foreign catch-all
 * MASQUERADE, matching the top-of-chain jump of the iptables form.
 *
 * nftables has no native ARP reply statement, so a host's arpreply rules are
 * not here: hosts keep using the ebtables file (ebtables-nft) for them.
 */
import { cmp } from "./normal-rule";
import type { Rule, RuleSet } from "./rule";
import { assertSafeTokens } from "./rule-args";

export const NFT_TABLE = "branchdesk";

export function nftRuleLine(rule: Rule): string | null {
  const words = ((): string[] | null => {
    switch (rule.kind) {
      case "arpreply":
        return null;
      case "redirect":
        return ["iifname", `"${rule.inIfname}"`, "ip", "daddr", rule.ip, "tcp", "dport", String(rule.port), "redirect"];
      case "snat-to-guest":
        return ["oifname", `"${rule.outIfname}"`, "ip", "daddr", rule.ip, "tcp", "dport", String(rule.port), "snat", "ip", "to", rule.toSource];
      case "snat-from-pool":
        return ["oifname", "!=", `"${rule.notOutIfname}"`, "ip", "saddr", rule.source, "snat", "ip", "to", rule.toSource];
    }
  })();
  if (!words) return null;
  assertSafeTokens(words.map((w) => w.replace(/^"(.*)"$/, "$1").replace(/^!=$/, "!")));
  return words.join(" ");
}

const CHAINS = [
  { name: "prerouting", hook: "type nat hook prerouting priority dstnat - 10; policy accept;", kinds: ["redirect"] },
  { name: "postrouting", hook: "type nat hook postrouting priority srcnat - 10; policy accept;", kinds: ["snat-to-guest", "snat-from-pool"] },
] as const;

export function renderNftables(rs: RuleSet): string {
  const iptablesChains = rs.jumps.filter((j) => j.tool === "iptables");
  if (iptablesChains.length === 0) return "";
  const wanted = CHAINS.filter((c) => iptablesChains.some((j) => j.from.toLowerCase() === c.name));
  const lines = [
    `# Branchdesk ${rs.target} rule set (nftables form): nft -f`,
    `table inet ${NFT_TABLE}`,
    `delete table inet ${NFT_TABLE}`,
    `table inet ${NFT_TABLE} {`,
  ];
  wanted.forEach((c, i) => {
    if (i > 0) lines.push("");
    lines.push(`\tchain ${c.name} {`, `\t\t${c.hook}`);
    const rules = rs.rules.filter((r) => (c.kinds as readonly string[]).includes(r.kind));
    for (const r of rules) lines.push(`\t\t${nftRuleLine(r)}`);
    lines.push("\t}");
  });
  lines.push("}");
  return lines.join("\n") + "\n";
}

/** Rule lines of `nft list table inet branchdesk` output, per chain, whitespace-trimmed, sorted. */
export function nftListedRules(listing: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let chain: string | null = null;
  for (const raw of listing.split("\n")) {
    const line = raw.trim();
    const open = /^chain (\S+) \{$/.exec(line);
    if (open) chain = open[1]!;
    else if (line === "}") chain = null;
    else if (chain && line && !line.startsWith("type ")) (out[chain] ??= []).push(line);
  }
  for (const k of Object.keys(out)) out[k]!.sort(cmp);
  return out;
}
