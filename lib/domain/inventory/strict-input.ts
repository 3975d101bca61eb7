import { z } from "zod";

/**
 * An input object that refuses fields it does not know, each under its own
 * name ({ "colour": ["unknown field; a branch has code, name, ..."] }, nested
 * as "guest.hostId"), next to every other problem. A silently dropped field is
 * a change the caller believes was made (a typo'd "lanCIDR", a "branchId" that
 * cannot move a host). zod's own .strict() reports them all under the object
 * itself; an optional `never` catch-all puts each one on its own key, and the
 * OpenAPI document still says "no other properties".
 */
export function zStrictInput<S extends z.ZodRawShape>(shape: S, what: string): z.ZodObject<S, z.core.$strict> {
  const unknownField = z.never({ error: `unknown field; ${what} ${Object.keys(shape).join(", ")}` }).optional();
  // Typed as z.strictObject's result: that is what it does, and its inferred type has no
  // index signature (a `[key: string]: undefined` one would refuse every typed literal).
  return z.object(shape).catchall(unknownField) as unknown as z.ZodObject<S, z.core.$strict>;
}
