import { err, ok, type Result } from "../result";

/**
 * A branch's code, the bank's own ("BR-0042", "LYON-01", "0042", "PAR_OPERA"):
 * the key in URLs, audit entries, rollout scopes and the CLI's --branch.
 */
export type BranchCode = string & { readonly __brand: "BranchCode" };

export const BRANCH_CODE_MAX = 32;
export const BRANCH_CODE_RULE = `1-${BRANCH_CODE_MAX} letters, digits, '-' and '_', starting with a letter or digit`;

/**
 * ASCII letters, digits, '-' and '_' only: RFC 3986 unreserved characters, so
 * a code is its own URL encoding, a bare word in a rule comment and in a shell
 * command, and an argument of its own on a command line. It starts with a
 * letter or digit: "-x" would read as an option to the CLI or to iptables, and
 * "." / ".." are path segments a URL parser resolves away.
 */
const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * Typed in any case ("br-0042" is what people type), stored upper-case, so one
 * code has one spelling and uniqueness needs no case-insensitive collation on
 * either database. The alphabet is checked before upper-casing: toUpperCase()
 * turns "ı", "ſ" or "ﬀ" into ASCII and would let a look-alike pass as another code.
 */
export function parseBranchCode(input: unknown): Result<BranchCode> {
  if (typeof input !== "string") return err("must be a string");
  if (input.length === 0) return err("must not be empty");
  if (input.length > BRANCH_CODE_MAX) {
    return err(`${JSON.stringify(input)} is ${input.length} characters; a branch code has at most ${BRANCH_CODE_MAX}`);
  }
  if (!CODE.test(input)) {
    return err(`${JSON.stringify(input)} is not a branch code (${BRANCH_CODE_RULE}; e.g. BR-0042, LYON-01, PAR_OPERA)`);
  }
  return ok(input.toUpperCase() as BranchCode);
}
