/**
 * Reads the words of a rule into options in the order written. Handles both
 * negation styles: `! -o eth1` (iptables >= 1.4.3, ebtables-nft accepts it)
 * and `-o ! eth1` (older iptables, and ebtables prints `-s ! <mac>`).
 */
import { err, ok, type Result } from "../result";
import type { Opt } from "./normal-rule";

/** Options with a fixed number of values; every other option takes words until the next option. */
const ARITY: Record<string, number> = {
  "-m": 1,
  "-j": 1,
  "-g": 1,
  "-c": 2,
  "-f": 0,
  "-s": 1,
  "-d": 1,
  "-i": 1,
  "-o": 1,
  "-p": 1,
};

function isOptionWord(w: string): boolean {
  return w === "!" || /^--?[A-Za-z]/.test(w);
}

export function readOptions(words: readonly string[], aliases: Readonly<Record<string, string>>): Result<Opt[]> {
  const out: Opt[] = [];
  let pendingNot = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === "!") {
      if (pendingNot) return err(`double negation at word ${i + 1}`);
      pendingNot = true;
      continue;
    }
    if (!isOptionWord(w)) return err(`unexpected word ${JSON.stringify(w)} where an option was expected`);
    const name = aliases[w] ?? w;
    let negated = pendingNot;
    pendingNot = false;
    if (words[i + 1] === "!") {
      negated = !negated;
      i++;
    }
    const values: string[] = [];
    const arity = ARITY[name];
    while (i + 1 < words.length && (arity === undefined ? !isOptionWord(words[i + 1]!) : values.length < arity)) {
      values.push(words[++i]!);
    }
    if (arity !== undefined && values.length < arity) return err(`option ${w} needs ${arity} value(s)`);
    out.push({ name, negated, values });
  }
  if (pendingNot) return err("a trailing '!' negates nothing");
  return ok(out);
}
