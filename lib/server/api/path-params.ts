import { z } from "zod";
import { parseRowId } from "@/lib/server/errors/parse-row-id";

/**
 * Path parameters as contracts declare them. A segment that does not parse
 * names no record, so apiHandler answers 404 with the issue's message.
 */

/** A row id in a URL (/hosts/17): what parseRowId accepts, as a number; anything else "does not exist". */
export const zRowId = (what: string) =>
  z
    .string()
    .transform((raw, ctx) => {
      try {
        return parseRowId(raw, what);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
        return z.NEVER;
      }
    })
    .meta({ description: `numeric ${what} id` });

/** {id} of a host, a rollout, a user... */
export const zRowIdParams = (what: string) => z.object({ id: zRowId(what) });

/**
 * {code} of a branch, as typed: the services look it up case-insensitively
 * and answer 404 naming it as sent, so it stays text here.
 */
export const ZBranchCodeParams = z.object({
  code: z.string().meta({ description: "branch code, e.g. BR-0042 (case-insensitive)" }),
});
