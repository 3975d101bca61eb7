/**
 * Public types of the NAT audit (issue 13): a rule model that understands any
 * nat rule (not only Branchdesk's shapes), findings per rule, a packet trace
 * and a diff between two audits. Plain data, JSON-serialisable, so a snapshot
 * can be stored and read back as is.
 */
import type { Jump, Rule } from "../rules/rule";
import type { Ipv4 } from "../values/ipv4";

/** Which printer produced a dump (detected from its header when not given). */
export type NatDialect =
  | "iptables-nft" // iptables-save v1.8.x (nf_tables)
  | "iptables-legacy" // iptables-save v1.8.x (legacy)
  | "iptables-1.4" // CentOS 7's iptables-save v1.4.21
  | "iptables-s" // `iptables -S` / hand-written restore input, no header
  | "ebtables-nft" // ebtables-save v1.8.x, or an nft -L listing
  | "ebtables-legacy" // ebtables 2.0.x save (`-c p b`) or -L listing
  | "unknown";

export type Family = "ip" | "bridge";

/** Packet and byte counters as printed (`[pkts:bytes]`, `-c p b`, `pcnt = .. -- bcnt = ..`). */
export type Counters = { packets: number; bytes: number };

/** An option Branchdesk does not interpret: it makes every analysis of its rule conservative. */
export type NatOption = { module: string | null; name: string; negated: boolean; values: string[] };

/** `cidr`: canonical, a /32 written bare ("203.0.113.10"), shorter masks as "net/prefix". */
export type AddrMatch = { cidr: string; negated: boolean };
/** `name` as written; a trailing `+` is iptables' wildcard (prefix match). */
export type IfMatch = { name: string; negated: boolean };
export type ProtoMatch = { name: string; negated: boolean };
/** Inclusive range; a single port has from === to. */
export type PortMatch = { from: number; to: number; negated: boolean };

export type NatMatch = {
  src: AddrMatch | null;
  dst: AddrMatch | null;
  inIf: IfMatch | null;
  outIf: IfMatch | null;
  /** iptables: tcp/udp/icmp/...; ebtables: the ethertype (ARP, IPv4, ...). */
  proto: ProtoMatch | null;
  sport: PortMatch | null;
  dport: PortMatch | null;
  /** ebtables only: MACs (canonical, zero-padded, lower-case) and the arp extension. */
  srcMac: AddrMatch | null;
  dstMac: AddrMatch | null;
  arpOp: ProtoMatch | null;
  arpIpSrc: AddrMatch | null;
  arpIpDst: AddrMatch | null;
  /** `-m comment --comment`: shown, never part of equivalence. */
  comment: string | null;
};

export type NatTargetKind =
  | "SNAT"
  | "DNAT"
  | "REDIRECT"
  | "MASQUERADE"
  | "NETMAP"
  | "ACCEPT"
  | "DROP"
  | "RETURN"
  | "CONTINUE" // ebtables
  | "ARPREPLY" // ebtables arpreply
  | "JUMP" // -j <user chain>
  | "GOTO" // -g <user chain>
  | "NONE" // no target: counts only
  | "OTHER"; // LOG, MARK, CHECKSUM, ebtables dnat/snat/redirect ...: `name` says which

export type NatTarget = {
  kind: NatTargetKind;
  /** As written: "SNAT", "DOCKER", "LOG", "arpreply", ... ("" for NONE). */
  name: string;
  /** JUMP/GOTO: the chain. */
  chain: string | null;
  /** SNAT/DNAT: canonical address[-address][:port[-port]]. */
  toSource: string | null;
  toDestination: string | null;
  /** REDIRECT/MASQUERADE: "22" or "1024-65535"; REDIRECT's equal to a single --dport is dropped. */
  toPorts: string | null;
  /** ARPREPLY: the MAC, and the verdict after it (DROP is the default and is dropped). */
  arpreplyMac: string | null;
  /** Target options not listed above (--random, --persistent, --log-prefix, ...), canonical order. */
  options: NatOption[];
};

export type NatRule = {
  chain: string;
  /** 1-based position inside its chain (as `--line-numbers` shows it). */
  index: number;
  /** 1-based line in the dump. */
  line: number;
  /** The dump's line exactly as read (counters prefix or suffix included, newline and a trailing CR not). */
  text: string;
  counters: Counters | null;
  match: NatMatch;
  target: NatTarget;
  /** Match options Branchdesk does not interpret (addrtype, state, mark, multiport...). */
  unknownOptions: NatOption[];
  /**
   * Canonical form without the chain: equal canon means the rules match the same packets and
   * do the same thing (rulesEquivalent). Comments and counters are not part of it.
   */
  canon: string;
};

export type NatChain = {
  name: string;
  /** Built-in: ACCEPT/DROP; user chains: "-" (iptables) or RETURN/ACCEPT/... (ebtables). */
  policy: string;
  builtin: boolean;
  counters: Counters | null;
};

export type NatTable = {
  family: Family;
  dialect: NatDialect;
  chains: NatChain[];
  /** Every rule of the nat table in dump order (chains as the dump interleaves them). */
  rules: NatRule[];
};

/** Points at one rule of a table. */
export type RuleRef = { chain: string; index: number; line: number; text: string };

export type FindingClass =
  "in-place" | "missing" | "stale" | "duplicate" | "shadowed" | "hand-made-equivalent" | "foreign";

export type Owner = "branchdesk" | "docker" | "libvirt" | "admin" | "unknown";

/**
 * One finding per rule read (class by precedence: in-place, duplicate, hand-made-equivalent,
 * stale, shadowed, foreign) plus one "missing" finding per expected rule not present.
 * `shadowedBy` is set on ANY finding whose rule can never fire, whatever its class, so a
 * "shadowed" filter should test `shadowedBy !== null`.
 */
export type RuleFinding = {
  class: FindingClass;
  /** null only for "missing". */
  rule: NatRule | null;
  /** The Branchdesk rule it is (in-place), copies (hand-made-equivalent) or lacks (missing). */
  expected: Rule | null;
  /** A "missing" finding for a plain jump into an owned chain (no Rule describes a jump): which one. */
  jump: Jump | null;
  owner: Owner;
  duplicateOf: RuleRef | null;
  shadowedBy: RuleRef | null;
  /** One sentence a techie can act on. */
  reason: string;
};

/** An address the inventory knows, and whether it lives on the box being audited. */
export type InventoryAddress = {
  ip: Ipv4;
  kind: "guest" | "link-local";
  /** Where it lives, for the reason text: "host br-0042-h07", "gateway br-0042-gw". */
  where: string;
  /** True when it belongs to the audited box (its branch's guests for a gateway, its own guests for a host). */
  here: boolean;
};

export type NatExpectation = {
  role: "gateway" | "host";
  /** buildGatewayRuleSet(...).rules or buildHostRuleSet(...).rules, filtered to the table's family by the audit. */
  expectedRules: readonly Rule[];
  inventory: readonly InventoryAddress[];
};

/** A packet for traceNat: HQ -> guest-IP:22 by default shape. Missing fields evaluate as "unknown". */
export type TracePacket = {
  src: Ipv4;
  dst: Ipv4;
  proto: "tcp" | "udp" | "icmp";
  sport?: number;
  dport?: number;
  /** Gateway: the interface it arrives on and the one it leaves by (towards the LAN). */
  gatewayInIf?: string;
  gatewayOutIf?: string;
  /** Host: the bridge iptables sees as -i (virbr0), and the port ebtables sees as -i (eth0). */
  hostBridge?: string;
  hostPort?: string;
  /** The gateway's MAC for the ARP request, if known. */
  gatewayMac?: string;
};

export type TraceResult = "match" | "no match" | "unknown";

export type TraceStage = "gateway PREROUTING" | "gateway POSTROUTING" | "host ebtables PREROUTING" | "host PREROUTING";

export type TraceStep = {
  stage: TraceStage;
  /** null when the stage had no table to read, or only the chain policy applied. */
  rule: RuleRef | null;
  chain: string;
  result: TraceResult;
  /** What happened: "SNAT to 169.254.1.1", "jump to BRANCHDESK-POST", "policy ACCEPT", "no table read". */
  note: string;
};

export type TraceVerdict = {
  /** "SNAT to 169.254.1.1, ARP reply 52:54:00:01:02:0a, REDIRECT to local :22". */
  summary: string;
  /** true: every stage NATs as Branchdesk needs; false: one provably does not; null: an unknown rule decided it. */
  reachable: boolean | null;
  /** The packet as it leaves each stage. */
  gatewaySource: string | null;
  arpReplyMac: string | null;
  hostRedirect: string | null;
};

export type NatTrace = { steps: TraceStep[]; verdict: TraceVerdict };

export type TraceTables = {
  gateway: NatTable | null;
  hostIptables: NatTable | null;
  hostEbtables: NatTable | null;
};

/** Identity: chain + canon + occurrence (the n-th rule with that canon in that chain, 1-based). */
export type RuleIdentity = { chain: string; canon: string; occurrence: number };

export type CounterDelta = {
  identity: RuleIdentity;
  older: Counters | null;
  newer: Counters | null;
  /** null when either side has no counters, or the counters went down (reboot, zeroed). */
  packets: number | null;
  bytes: number | null;
};

export type NatAuditDiff = {
  added: NatRule[];
  removed: NatRule[];
  /** Same identity, different printed text or position. */
  changed: { older: NatRule; newer: NatRule; what: ("text" | "position")[] }[];
  /** For every rule present in both. */
  counters: CounterDelta[];
  policies: { chain: string; older: string | null; newer: string | null }[];
  /** True when anything but counters differs. */
  drift: boolean;
};
