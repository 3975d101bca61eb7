/**
 * A normalised rule back to the model, when it has exactly the shape of one
 * of Branchdesk's rule kinds (any extra match, option or negation makes it
 * "not ours"). Values go through the value-object parsers again: a dump is
 * input like any other.
 */
import { parseCidr } from "../values/cidr";
import { parseIfname } from "../values/ifname";
import { parseIpv4 } from "../values/ipv4";
import { parseMac } from "../values/mac";
import { parsePort } from "../values/port";
import type { NormalRule, Opt } from "./normal-rule";
import type { Rule } from "./rule";

type Shape = Record<string, "+" | "!">;

/** The options' values keyed by name, if the options are exactly `shape` (with that negation). */
function exactly(opts: readonly Opt[], shape: Shape): Record<string, string> | null {
  if (opts.length !== Object.keys(shape).length) return null;
  const out: Record<string, string> = {};
  for (const o of opts) {
    const want = shape[o.name];
    if (!want || o.negated !== (want === "!") || o.values.length !== 1) return null;
    out[o.name] = o.values[0]!;
  }
  return out;
}

function host32(v: string | undefined): string | undefined {
  return v?.endsWith("/32") ? v.slice(0, -3) : undefined;
}

function value<T>(r: { ok: true; value: T } | { ok: false }): T | undefined {
  return r.ok ? r.value : undefined;
}

function tcpDport(rule: NormalRule): string | null {
  const m = rule.matches;
  if (m.length !== 1 || m[0]!.module !== "tcp") return null;
  return exactly(m[0]!.opts, { "--dport": "+" })?.["--dport"] ?? null;
}

function recogniseIptables(rule: NormalRule): Rule | null {
  const t = rule.target;
  if (!t || t.verb !== "-j") return null;
  if (t.name === "REDIRECT" && t.opts.length === 0) {
    const b = exactly(rule.basic, { "-d": "+", "-i": "+", "-p": "+" });
    const dport = tcpDport(rule);
    if (!b || b["-p"] !== "tcp" || !dport) return null;
    const [ip, inIfname, port] = [
      value(parseIpv4(host32(b["-d"]))),
      value(parseIfname(b["-i"])),
      value(parsePort(dport)),
    ];
    return ip && inIfname && port ? { kind: "redirect", inIfname, ip, port } : null;
  }
  if (t.name !== "SNAT") return null;
  const to = exactly(t.opts, { "--to-source": "+" });
  const toSource = value(parseIpv4(to?.["--to-source"]));
  if (!toSource) return null;
  const toGuest = exactly(rule.basic, { "-d": "+", "-o": "+", "-p": "+" });
  const dport = tcpDport(rule);
  if (toGuest && toGuest["-p"] === "tcp" && dport) {
    const [ip, outIfname, port] = [
      value(parseIpv4(host32(toGuest["-d"]))),
      value(parseIfname(toGuest["-o"])),
      value(parsePort(dport)),
    ];
    return ip && outIfname && port ? { kind: "snat-to-guest", outIfname, ip, port, toSource } : null;
  }
  const fromPool = exactly(rule.basic, { "-s": "+", "-o": "!" });
  if (fromPool && rule.matches.length === 0) {
    const [source, notOutIfname] = [value(parseCidr(fromPool["-s"])), value(parseIfname(fromPool["-o"]))];
    return source && notOutIfname ? { kind: "snat-from-pool", notOutIfname, source, toSource } : null;
  }
  return null;
}

function recogniseEbtables(rule: NormalRule): Rule | null {
  const t = rule.target;
  if (!t || t.name !== "arpreply") return null;
  const b = exactly(rule.basic, { "-p": "+", "--arp-op": "+", "--arp-ip-dst": "+" });
  const to = exactly(t.opts, { "--arpreply-mac": "+" });
  if (!b || !to || b["-p"] !== "ARP" || b["--arp-op"] !== "Request") return null;
  const [ip, mac] = [value(parseIpv4(b["--arp-ip-dst"])), value(parseMac(to["--arpreply-mac"]))];
  return ip && mac ? { kind: "arpreply", ip, mac } : null;
}

export function recogniseRule(tool: "iptables" | "ebtables", rule: NormalRule): Rule | null {
  return tool === "iptables" ? recogniseIptables(rule) : recogniseEbtables(rule);
}
