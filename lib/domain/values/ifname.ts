import { err, ok, type Result } from "../result";

/** A Linux interface name (IFNAMSIZ-1 = 15 bytes max). */
export type Ifname = string & { readonly __brand: "Ifname" };

/**
 * The kernel allows almost any byte except '/', ':' (alias syntax), whitespace
 * and NUL; we are stricter so a name is always safe inside a rule or a shell
 * word: letters, digits, '.', '_', '-', and '+' is refused (iptables wildcard).
 */
const IFNAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}$/;

export function parseIfname(input: unknown): Result<Ifname> {
  if (typeof input !== "string") return err("must be a string");
  if (input.length === 0) return err("must not be empty");
  if (input.length > 15) return err(`${JSON.stringify(input)} is ${input.length} characters; Linux interface names are at most 15`);
  if (input === "." || input === "..") return err(`${input} is not a valid interface name`);
  if (!IFNAME.test(input)) {
    return err(`${JSON.stringify(input)} is not a valid interface name (letters, digits, '.', '_', '-' only)`);
  }
  return ok(input as Ifname);
}
