import { z } from "zod";

/**
 * "Trust this key": the fingerprint read on the box's console; or a scan,
 * first with `scanOnly` (see what the box presents, pin nothing), then with
 * `expect` set to what the operator saw and accepted (the scan must match:
 * an explicitly confirmed first connection).
 */
export const ZTrustHostKeyInput = z
  .object({
    /** The fingerprint the operator read on the box's console (or from enrolment); omitted: scan it now. */
    fingerprint: z.string().trim().optional(),
    /** When scanning: the fingerprint the operator expects; the scan must match it (a confirmed first connection). */
    expect: z.string().trim().optional(),
    /** Scan and answer what the box presents, without pinning it. */
    scanOnly: z.boolean().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.scanOnly && v.fingerprint)
      ctx.addIssue({
        code: "custom",
        path: ["scanOnly"],
        message: "scanOnly scans the box; do not send a fingerprint with it",
      });
    if (v.scanOnly && v.expect)
      ctx.addIssue({
        code: "custom",
        path: ["scanOnly"],
        message: "scanOnly pins nothing; send expect on the trusting request",
      });
  })
  .meta({ id: "TrustHostKeyInput" }); // two routes take it: one component in the OpenAPI document
export type TrustHostKeyInput = z.infer<typeof ZTrustHostKeyInput>;
