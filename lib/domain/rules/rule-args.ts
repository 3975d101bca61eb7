/**
 * The argument lists a Rule and a Jump become, spelled exactly the way
 * iptables-save (nft and legacy, 1.4.21 to 1.8.9) and ebtables-save print them
 * back, so a rendered line and its read-back are byte-identical, not only
 * semantically equal:
 *   -d 203.0.113.5/32 -i virbr0 -p tcp -m tcp --dport 22 -j REDIRECT
 *   -s 169.254.0.0/16 ! -o eth1 -j SNAT --to-source 198.51.100.1
 *   -p ARP --arp-op Request --arp-ip-dst 203.0.113.5 -j arpreply --arpreply-mac 52:54:00:01:02:0a
 *
 * arpreply: no --arpreply-target, i.e. the default DROP. The request is
 * answered and not flooded on, so the LAN sees exactly one answer whether or
 * not the guest is running; ebtables-nft omits the default when it prints.
 */
import type { Jump, Rule } from "./rule";
import { ruleChain } from "./rule";

/**
 * Every token is built from value objects, which cannot contain whitespace,
 * quotes or shell metacharacters. This check is the second lock: a forged
 * brand (`"x; reboot" as Ifname`) throws here instead of reaching a host.
 */
const SAFE_TOKEN = /^[A-Za-z0-9_.:/!-]+$/;

export function assertSafeTokens(tokens: readonly string[]): readonly string[] {
  for (const t of tokens) {
    if (!SAFE_TOKEN.test(t)) throw new Error(`refusing to render unsafe rule token ${JSON.stringify(t)}`);
  }
  return tokens;
}

/** Match and target arguments of a rule, without `-A <chain>`. */
export function ruleArgs(rule: Rule): readonly string[] {
  switch (rule.kind) {
    case "arpreply":
      return assertSafeTokens([
        "-p",
        "ARP",
        "--arp-op",
        "Request",
        "--arp-ip-dst",
        rule.ip,
        "-j",
        "arpreply",
        "--arpreply-mac",
        rule.mac,
      ]);
    case "redirect":
      return assertSafeTokens([
        "-d",
        `${rule.ip}/32`,
        "-i",
        rule.inIfname,
        "-p",
        "tcp",
        "-m",
        "tcp",
        "--dport",
        String(rule.port),
        "-j",
        "REDIRECT",
      ]);
    case "snat-to-guest":
      return assertSafeTokens([
        "-d",
        `${rule.ip}/32`,
        "-o",
        rule.outIfname,
        "-p",
        "tcp",
        "-m",
        "tcp",
        "--dport",
        String(rule.port),
        "-j",
        "SNAT",
        "--to-source",
        rule.toSource,
      ]);
    case "snat-from-pool":
      return assertSafeTokens([
        "-s",
        rule.source,
        "!",
        "-o",
        rule.notOutIfname,
        "-j",
        "SNAT",
        "--to-source",
        rule.toSource,
      ]);
  }
}

/** The rule as an `-A` line, exactly as iptables-save / ebtables-save print it (without counters). */
export function ruleLine(rule: Rule): string {
  return ["-A", ruleChain(rule), ...ruleArgs(rule)].join(" ");
}

/** `-A PREROUTING -j BRANCHDESK-PRE`: the exact save line of a correct jump, for counting. */
export function jumpLine(jump: Jump): string {
  return ["-A", jump.from, "-j", jump.chain].join(" ");
}

/** argv (after the tool name) inserting the jump at the top of its built-in chain. */
export function jumpInsertArgs(jump: Jump): readonly string[] {
  return ["-t", jump.table, "-I", jump.from, "1", "-j", jump.chain];
}

/** argv (after the tool name) deleting one copy of the jump; run it (count - 1) times for duplicates. */
export function jumpDeleteArgs(jump: Jump): readonly string[] {
  return ["-t", jump.table, "-D", jump.from, "-j", jump.chain];
}
