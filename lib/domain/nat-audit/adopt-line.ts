import { err, ok, type Result } from "../result";

declare const adoptLineBrand: unique symbol;
/**
 * One hand-made rule an adoption deletes, exactly as `iptables-save` prints it without counters:
 * `-A <built-in nat chain> <match and target>`. The agent deletes it with `-D` in the same
 * transaction that installs Branchdesk's chains (agents/lib/plan.awk, branchdesk.adopt).
 */
export type AdoptLine = string & { readonly [adoptLineBrand]: true };

const BUILTIN = /^-A (PREROUTING|INPUT|OUTPUT|POSTROUTING) \S/;
const MAX = 2000;

export function parseAdoptLine(text: string): Result<AdoptLine> {
  if (text.length > MAX) return err(`a line to adopt is longer than ${MAX} characters`);
  if (/[\u0000-\u001f\u007f]/.test(text))
    return err(`a line to adopt holds a control character: ${JSON.stringify(text)}`);
  if (!BUILTIN.test(text) || text !== text.trim()) {
    return err(`"${text}" is not an -A rule of a built-in nat chain (PREROUTING, INPUT, OUTPUT, POSTROUTING)`);
  }
  if (/^-A \S+ -j BRANCHDESK-\S+$/.test(text)) return err(`"${text}" is Branchdesk's own jump, never adopted`);
  return ok(text as AdoptLine);
}

/** A rule's printed text without its counters (`[12:720] -A ...`, or `iptables -S -c`'s `-A ... -c 12 720`). */
export function withoutCounters(text: string): string {
  return text.replace(/^\[\d+:\d+\]\s*/, "").replace(/\s+-c \d+ \d+\s*$/, "");
}
