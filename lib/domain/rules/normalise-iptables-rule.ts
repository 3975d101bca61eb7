/**
 * iptables rule words (after `-A <chain>`, counters removed) to a NormalRule.
 * Covers the dialects Branchdesk meets: iptables-nft 1.8.x, iptables-legacy
 * 1.8.x and CentOS 7's 1.4.21 (all print `-m tcp` and `/32`; hand-written
 * scripts and `iptables -S` input may not).
 */
import { err, ok, type Result } from "../result";
import { normaliseIpv4 } from "./normalise-address";
import { sortOpts, type Match, type NormalRule, type NormalTarget, type Opt } from "./normal-rule";
import { readOptions } from "./read-options";

const ALIASES: Record<string, string> = {
  "--source": "-s",
  "--src": "-s",
  "--destination": "-d",
  "--dst": "-d",
  "--in-interface": "-i",
  "--out-interface": "-o",
  "--protocol": "-p",
  "--match": "-m",
  "--jump": "-j",
  "--goto": "-g",
  "--fragment": "-f",
  "--set-counters": "-c",
  "--destination-port": "--dport",
  "--source-port": "--sport",
};
/** The order iptables-save prints the built-in matches in. */
const BASIC = ["-s", "-d", "-i", "-o", "-p", "-f"];
const PROTOCOL_NUMBERS: Record<string, string> = { "1": "icmp", "6": "tcp", "17": "udp" };
const TARGET_ALIASES: Record<string, Record<string, string>> = {
  SNAT: { "--to": "--to-source" },
  DNAT: { "--to": "--to-destination" },
  REDIRECT: { "--to-port": "--to-ports" },
  MASQUERADE: { "--to-port": "--to-ports" },
};

function normaliseBasic(o: Opt): Opt | null {
  const v = o.values[0] ?? "";
  if (o.name === "-s" || o.name === "-d") return { ...o, values: [normaliseIpv4(v, false)] };
  if (o.name === "-p") {
    const p = PROTOCOL_NUMBERS[v] ?? v.toLowerCase();
    return p === "all" && !o.negated ? null : { ...o, values: [p] };
  }
  return o;
}

export function normaliseIptablesRule(chain: string, words: readonly string[]): Result<NormalRule> {
  const read = readOptions(words, ALIASES);
  if (!read.ok) return err(read.error);
  const basic: Opt[] = [];
  const matches: Match[] = [];
  let target: NormalTarget | null = null;
  let current: Match | null = null;
  const group = (module: string): Match => {
    const found = matches.find((m) => m.module === module);
    if (found) return found;
    const m = { module, opts: [] };
    matches.push(m);
    return m;
  };
  for (const o of read.value) {
    if (o.name === "-c") continue;
    if (BASIC.includes(o.name)) {
      const b = normaliseBasic(o);
      if (b) basic.push(b);
    } else if (o.name === "-m") {
      current = group(o.values[0]!);
    } else if (o.name === "-j" || o.name === "-g") {
      if (target) return err(`more than one target (${target.name}, ${o.values[0]})`);
      target = { verb: o.name, name: o.values[0]!, opts: [] };
    } else if (target) {
      target.opts.push({ ...o, name: TARGET_ALIASES[target.name]?.[o.name] ?? o.name });
    } else {
      // `-p tcp --dport 22` loads the tcp match implicitly; iptables-save prints it as `-m tcp`.
      const proto = basic.find((b) => b.name === "-p")?.values[0];
      const m = current ?? (proto ? group(proto) : null);
      if (!m) return err(`option ${o.name} belongs to no match (missing -p or -m?)`);
      m.opts.push(o);
    }
  }
  const used = matches.filter((m) => m.opts.length > 0 || !["tcp", "udp", "icmp"].includes(m.module));
  for (const m of used) m.opts = sortOpts(m.opts, ["--sport", "--dport"]);
  if (target) target.opts = sortOpts(target.opts, []);
  used.sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : 0));
  return ok({ chain, basic: sortOpts(basic, BASIC), matches: used, target });
}
