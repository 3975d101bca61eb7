/**
 * Parses ebtables dumps of one table (nat by default) in the four shapes met:
 * - ebtables-save (nft 1.8): `*nat`, `:CHAIN POLICY`, `-A CHAIN ...`, with -c
 *   counters as a `[p:b]` prefix;
 * - ebtables-save (legacy 2.0.10 perl script): the same, counters as `-c p b`;
 * - `ebtables -t nat -L` (nft and legacy): "Bridge table:" / "Bridge chain:
 *   NAME, entries: N, policy: P" headers and bare rule lines, legacy ones with
 *   a trailing space;
 * - `-L --Ln --Lc`: rule numbers ("1." legacy, "1" nft) and
 *   ", pcnt = 0 -- bcnt = 0" suffixes.
 * MACs are compared zero-padded (legacy prints 52:54:0:1:2:a).
 */
import { err, ok, type Result } from "../result";
import { normaliseEbtablesRule } from "./normalise-ebtables-rule";
import { ruleKey } from "./normal-rule";
import type { ParsedTable } from "./parsed-table";
import { recogniseRule } from "./recognise-rule";
import { tokenize } from "./tokenize";

const LIST_TABLE = /^Bridge table:\s*(\S+)/;
const LIST_CHAIN = /^Bridge chain:\s*([^,\s]+),\s*entries:\s*\d+,\s*policy:\s*(\S+)/;
const SAVE_CHAIN = /^:(\S+)\s+(\S+)$/;
const RULE_NUMBER = /^\d+\.?\s+/;
const LIST_COUNTERS = /\s*,\s*pcnt\s*=\s*\d+\s*--\s*bcnt\s*=\s*\d+\s*$/;
const SAVE_COUNTERS = /^\[\d+:\d+\]\s+/;

export function parseEbtables(text: string, table = "nat"): Result<ParsedTable> {
  const out: ParsedTable = { tool: "ebtables", table, chains: [], rules: [] };
  const listing = /^Bridge table:/m.test(text);
  let currentTable: string | null = null;
  let listChain: string | null = null;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, "").trim();
    if (line === "" || line.startsWith("#") || line === "COMMIT") continue;
    const tableHeader = listing ? LIST_TABLE.exec(line)?.[1] : line.startsWith("*") ? line.slice(1) : undefined;
    if (tableHeader !== undefined) {
      currentTable = tableHeader;
      listChain = null;
      continue;
    }
    if (currentTable !== table) continue;
    const chain = listing ? LIST_CHAIN.exec(line) : SAVE_CHAIN.exec(line);
    if (chain) {
      out.chains.push({ name: chain[1]!, policy: chain[2]! });
      listChain = chain[1]!;
      continue;
    }
    const body = line
      .replace(SAVE_COUNTERS, "")
      .replace(listing ? RULE_NUMBER : /^$/, "")
      .replace(LIST_COUNTERS, "");
    const words = tokenize(body);
    if (!words.ok) return err(`line ${i + 1}: ${words.error}: ${line}`);
    let chainName: string;
    let rest: string[];
    if (listing) {
      if (!listChain) return err(`line ${i + 1}: rule before any "Bridge chain:" header: ${line}`);
      [chainName, rest] = [listChain, words.value];
    } else {
      const [verb, name, ...tail] = words.value;
      if (verb !== "-A" || !name) return err(`line ${i + 1}: not a chain declaration or -A rule: ${line}`);
      [chainName, rest] = [name, tail];
    }
    const normal = normaliseEbtablesRule(chainName, rest);
    if (!normal.ok) return err(`line ${i + 1}: ${normal.error}: ${line}`);
    const n = normal.value;
    out.rules.push({
      chain: chainName,
      key: ruleKey(n),
      normal: n,
      rule: recogniseRule("ebtables", n),
      line: i + 1,
      text: line,
    });
  }
  return ok(out);
}
