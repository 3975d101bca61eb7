import { z } from "zod";

/** What POST .../host-key answers: the key the box presents (pinned unless scanOnly) and the one pinned before. */
export const ZHostKeyTrustedResponse = z.object({
  fingerprint: z.string().meta({ description: "the pinned SHA256:... fingerprint" }),
  previous: z.string().nullable().meta({ description: "the fingerprint pinned before, if any" }),
  pinned: z.boolean().meta({
    description: "false for a scanOnly request: the fingerprint is what the box presents, nothing was pinned",
  }),
});
export type HostKeyTrustedResponse = z.infer<typeof ZHostKeyTrustedResponse>;
