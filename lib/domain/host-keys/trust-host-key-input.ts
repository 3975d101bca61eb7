import { z } from "zod";

/** "Trust this key": the fingerprint read on the box's console, or nothing to scan it now. */
export const ZTrustHostKeyInput = z.object({
  /** The fingerprint the operator read on the box's console (or from enrolment); omitted: scan it now. */
  fingerprint: z.string().trim().optional(),
  /** When scanning: the fingerprint the operator expects; the scan must match it (a confirmed first connection). */
  expect: z.string().trim().optional(),
}).strict();
export type TrustHostKeyInput = z.infer<typeof ZTrustHostKeyInput>;
