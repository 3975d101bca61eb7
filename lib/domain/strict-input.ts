import { z } from "zod";

/**
 * An input object that refuses fields it does not know: a silently dropped
 * field is a change the caller believes was made (a typo'd "lanCIDR", a
 * "branchId" that cannot move a host). zod reports them in one
 * unrecognized_keys issue, reported with every other problem; issueFields()
 * puts each under its own name ({ "colour": ["unknown field; a branch has
 * code, name, ..."] }, "guest.hostId" when nested). Strict mode is the one
 * that also catches "__proto__" (a catch-all schema never sees that key).
 */
export function zStrictInput<S extends z.ZodRawShape>(shape: S, what: string) {
  const message = `unknown field; ${what} ${Object.keys(shape).join(", ")}`;
  return z.strictObject(shape, { error: (issue) => (issue.code === "unrecognized_keys" ? message : undefined) });
}
