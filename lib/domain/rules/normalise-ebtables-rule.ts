/**
 * ebtables rule words (after `-A <chain>` or a listing's rule line, counters
 * removed) to a NormalRule. ebtables has no `-m`: every match option is
 * "basic". Spellings met in the wild: ebtables-nft 1.8 (`52:54:00:01:02:0a`,
 * omits `--arpreply-target DROP`), ebtables 2.0.10 legacy on CentOS 7
 * (`52:54:0:1:2:a`, prints `-s ! <mac>`), hand-written scripts (`-p arp`,
 * `--arp-op 1`, `--arp-ip-dst 203.0.113.5/32`).
 */
import { err, ok, type Result } from "../result";
import { normaliseIpv4, normaliseMac } from "./normalise-address";
import { sortOpts, type NormalRule, type NormalTarget, type Opt } from "./normal-rule";
import { readOptions } from "./read-options";

const ALIASES: Record<string, string> = {
  "--protocol": "-p",
  "--proto": "-p",
  "--source": "-s",
  "--src": "-s",
  "--destination": "-d",
  "--dst": "-d",
  "--in-interface": "-i",
  "--in-if": "-i",
  "--out-interface": "-o",
  "--out-if": "-o",
  "--jump": "-j",
  "--set-counters": "-c",
};
/** The order ebtables prints options in: basic, then the arp extension's own order. */
const ORDER = [
  "-p",
  "-s",
  "-d",
  "-i",
  "--logical-in",
  "-o",
  "--logical-out",
  "--arp-op",
  "--arp-htype",
  "--arp-ptype",
  "--arp-ip-src",
  "--arp-ip-dst",
  "--arp-mac-src",
  "--arp-mac-dst",
  "--arp-gratuitous",
];
const ETHERTYPES: Record<string, string> = { "0x0806": "ARP", "0x0800": "IPv4", "0x86dd": "IPv6", "0x8100": "802_1Q" };
const ARP_OPS: Record<string, string> = { "1": "Request", "2": "Reply" };
const IP_OPTIONS = ["--arp-ip-src", "--arp-ip-dst", "--ip-src", "--ip-dst", "--ip-source", "--ip-destination"];
/** Target options whose value is the default and so is never printed by ebtables-nft. */
const DEFAULT_TARGET_OPTS: Record<string, Record<string, string>> = { arpreply: { "--arpreply-target": "DROP" } };

function normaliseValue(name: string, v: string): string {
  if (name === "-p") {
    const hex = /^0x[0-9a-f]+$/i.test(v) ? `0x${v.slice(2).toLowerCase().padStart(4, "0")}` : null;
    if (hex) return ETHERTYPES[hex] ?? hex;
    return v.toUpperCase() === "ARP" ? "ARP" : v.toLowerCase() === "ipv4" ? "IPv4" : v;
  }
  if (name === "--arp-op")
    return ARP_OPS[v] ?? (v.toLowerCase() === "request" ? "Request" : v.toLowerCase() === "reply" ? "Reply" : v);
  if (IP_OPTIONS.includes(name)) return normaliseIpv4(v, true);
  return normaliseMac(v);
}

export function normaliseEbtablesRule(chain: string, words: readonly string[]): Result<NormalRule> {
  const read = readOptions(words, ALIASES);
  if (!read.ok) return err(read.error);
  const basic: Opt[] = [];
  let target: NormalTarget | null = null;
  for (const o of read.value) {
    if (o.name === "-c") continue;
    const n = { ...o, values: o.values.map((v) => normaliseValue(o.name, v)) };
    if (o.name === "-j") {
      if (target) return err(`more than one target (${target.name}, ${o.values[0]})`);
      target = { verb: "-j", name: o.values[0]!, opts: [] };
    } else if (target) {
      if (DEFAULT_TARGET_OPTS[target.name]?.[o.name] === o.values[0]) continue;
      target.opts.push(n);
    } else {
      basic.push(n);
    }
  }
  if (target) target.opts = sortOpts(target.opts, ["--arpreply-mac", "--arpreply-target"]);
  return ok({ chain, basic: sortOpts(basic, ORDER), matches: [], target });
}
