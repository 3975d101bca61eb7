/**
 * Parses iptables-save output (or iptables-restore input, or `iptables -S`)
 * for one table, nat by default. Accepts what the dialects print: headers and
 * `# Completed` comments, counters on chains (`[12:3456]`) and rules
 * (`[0:0] -A ...` with -c), user chains declared with `-`, `-N`/`-P` lines
 * from `iptables -S`, quoted comments, and several tables in one dump.
 * Errors name the line: a dump Branchdesk cannot read is not silently empty.
 */
import { err, ok, type Result } from "../result";
import { normaliseIptablesRule } from "./normalise-iptables-rule";
import { ruleKey } from "./normal-rule";
import type { ParsedTable } from "./parsed-table";
import { recogniseRule } from "./recognise-rule";
import { tokenize } from "./tokenize";

const CHAIN_LINE = /^:(\S+)\s+(\S+)(?:\s+\[\d+:\d+\])?\s*$/;
const COUNTERS = /^\[\d+:\d+\]\s+/;

export function parseIptablesSave(text: string, table = "nat"): Result<ParsedTable> {
  const out: ParsedTable = { tool: "iptables", table, chains: [], rules: [] };
  // `iptables -S` output has no `*table` header: it is one table already.
  let current: string | null = /^\s*\*/m.test(text) ? null : table;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const where = `line ${i + 1}`;
    const line = lines[i]!.replace(/\r$/, "").trim();
    if (line === "" || line.startsWith("#")) continue;
    if (line.startsWith("*")) {
      current = line.slice(1);
      continue;
    }
    if (line === "COMMIT") {
      current = null;
      continue;
    }
    if (current !== table) continue;
    const chain = CHAIN_LINE.exec(line);
    if (chain) {
      out.chains.push({ name: chain[1]!, policy: chain[2]! });
      continue;
    }
    const words = tokenize(line.replace(COUNTERS, ""));
    if (!words.ok) return err(`${where}: ${words.error}: ${line}`);
    const [verb, name, ...rest] = words.value;
    if (verb === "-N" && name && rest.length === 0) out.chains.push({ name, policy: "-" });
    else if (verb === "-P" && name && rest.length === 1) out.chains.push({ name, policy: rest[0]! });
    else if (verb === "-A" && name) {
      const normal = normaliseIptablesRule(name, rest);
      if (!normal.ok) return err(`${where}: ${normal.error}: ${line}`);
      const n = normal.value;
      out.rules.push({
        chain: name,
        key: ruleKey(n),
        normal: n,
        rule: recogniseRule("iptables", n),
        line: i + 1,
        text: line,
      });
    } else return err(`${where}: not a chain declaration or -A rule: ${line}`);
  }
  return ok(out);
}
