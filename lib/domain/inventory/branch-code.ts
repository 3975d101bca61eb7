import { err, ok, type Result } from "../result";

/** A branch's code: "BR-" and 1-8 digits ("BR-0042"); the key in URLs and audit entries. */
export type BranchCode = string & { readonly __brand: "BranchCode" };

const CODE = /^BR-\d{1,8}$/;

/** Case-insensitive ("br-0042" is what people type), stored upper-case. */
export function parseBranchCode(input: unknown): Result<BranchCode> {
  if (typeof input !== "string") return err("must be a string");
  const upper = input.toUpperCase();
  if (!CODE.test(upper)) return err(`${JSON.stringify(input)} is not a branch code (expected BR- and digits, e.g. BR-0042)`);
  return ok(upper as BranchCode);
}
