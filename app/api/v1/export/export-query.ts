import { z } from "zod";
import { zBranchCode } from "@/lib/domain/inventory/zod-values";

/** GET /export and /export.json: the whole fleet, or one branch. */
export const ZExportQuery = z.strictObject({
  branch: zBranchCode().optional().meta({ description: "only this branch; the whole fleet without it" }),
});
