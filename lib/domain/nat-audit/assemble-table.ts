/**
 * Shared last step of both parsers: rule positions inside their chains, and
 * `-j NAME` resolved to a user-chain jump only when the table declares NAME
 * (otherwise it is an extension target such as LOG).
 */
import type { NatChain, NatDialect, NatRule, NatTable } from "./nat-audit-types";

export const BUILTIN_NAT_CHAINS = {
  ip: ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"],
  bridge: ["PREROUTING", "OUTPUT", "POSTROUTING"],
} as const;

export function isBuiltin(family: "ip" | "bridge", chain: string): boolean {
  return (BUILTIN_NAT_CHAINS[family] as readonly string[]).includes(chain);
}

export function assembleTable(
  family: "ip" | "bridge",
  dialect: NatDialect,
  chains: NatChain[],
  rules: NatRule[],
): NatTable {
  const declared = new Set(chains.map((c) => c.name));
  // A rule in a chain that was never declared (hand-written -S fragments) still names its chain.
  for (const r of rules) {
    if (!declared.has(r.chain)) {
      declared.add(r.chain);
      chains.push({
        name: r.chain,
        policy: isBuiltin(family, r.chain) ? "ACCEPT" : "-",
        builtin: false,
        counters: null,
      });
    }
  }
  for (const c of chains) c.builtin = isBuiltin(family, c.name);
  const positions = new Map<string, number>();
  for (const r of rules) {
    const n = (positions.get(r.chain) ?? 0) + 1;
    positions.set(r.chain, n);
    r.index = n;
    if (r.target.kind === "OTHER" && declared.has(r.target.name)) {
      r.target.kind = "JUMP";
      r.target.chain = r.target.name;
    }
  }
  return { family, dialect, chains, rules };
}
