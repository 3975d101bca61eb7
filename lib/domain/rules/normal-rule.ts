/**
 * A rule read back from a dump, normalised so that equivalent spellings give
 * the same `key`: aliases resolved (`--to` -> `--to-source`, `--destination`
 * -> `-d`), values canonical (`203.0.113.5` -> `203.0.113.5/32` for
 * iptables, MACs zero-padded and lower-case), negation written prefix-style
 * (`-o ! eth1` -> `! -o eth1`), implicit matches explicit (`-p tcp --dport 22`
 * -> `-p tcp -m tcp --dport 22`), option order fixed. For the shapes
 * Branchdesk renders, the key is byte-identical to the rendered line.
 */
export type Opt = { name: string; negated: boolean; values: string[] };
export type Match = { module: string; opts: Opt[] };
export type NormalTarget = { verb: "-j" | "-g"; name: string; opts: Opt[] };

export type NormalRule = {
  chain: string;
  /** iptables: -s -d -i -o -p -f; ebtables: every match option (ebtables has no -m). */
  basic: Opt[];
  /** iptables `-m` groups, protocol options included; empty for ebtables. */
  matches: Match[];
  target: NormalTarget | null;
};

/** Orders options by a rank table (the order the tools print), unknown ones after, by name. */
export function sortOpts(opts: Opt[], rank: readonly string[]): Opt[] {
  const r = (o: Opt) => {
    const i = rank.indexOf(o.name);
    return i < 0 ? rank.length : i;
  };
  return [...opts].sort((a, b) => r(a) - r(b) || cmp(a.name, b.name) || cmp(a.values.join(" "), b.values.join(" ")));
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function quoteIfNeeded(v: string): string {
  return /^[A-Za-z0-9_.:/!,+=@%-]+$/.test(v) ? v : `"${v.replace(/(["\\])/g, "\\$1")}"`;
}

function optText(o: Opt): string[] {
  return [...(o.negated ? ["!"] : []), o.name, ...o.values.map(quoteIfNeeded)];
}

/** The canonical `-A` line of a normalised rule; identical keys mean identical rules. */
export function ruleKey(rule: NormalRule): string {
  const words = ["-A", rule.chain];
  for (const o of rule.basic) words.push(...optText(o));
  for (const m of rule.matches) {
    words.push("-m", m.module);
    for (const o of m.opts) words.push(...optText(o));
  }
  if (rule.target) {
    words.push(rule.target.verb, rule.target.name);
    for (const o of rule.target.opts) words.push(...optText(o));
  }
  return words.join(" ");
}

/** True when the rule is a bare `-j <chain>` with no match at all. */
export function isPlainJump(rule: NormalRule, chain: string): boolean {
  return (
    rule.basic.length === 0 &&
    rule.matches.length === 0 &&
    rule.target?.verb === "-j" &&
    rule.target.name === chain &&
    rule.target.opts.length === 0
  );
}
