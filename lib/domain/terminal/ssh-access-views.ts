/** What the ssh-access and known-hosts routes answer: the lines a techie copies into their own terminal. */
import { z } from "zod";
import { BOX_KINDS, TERMINAL_PATHS } from "./terminal-protocol";

export const ZSshAccessPath = z
  .object({
    path: z.enum(TERMINAL_PATHS),
    label: z.string().meta({ description: '"support path", "via gateway br-0042-gw", "direct"' }),
    command: z.string().meta({ description: "the ssh line, every value shell-quoted" }),
    jumpCommand: z
      .string()
      .nullable()
      .meta({ description: "the same hop written with -J (needs the gateway's key filed under its address)" }),
    uri: z.string().nullable().meta({ description: "ssh://user@address:port" }),
  })
  .meta({ id: "SshAccessPath" });
export type SshAccessPath = z.infer<typeof ZSshAccessPath>;

export const ZSshAccessResponse = z
  .object({
    box: z.object({ kind: z.enum(BOX_KINDS), id: z.number().int(), hostname: z.string(), branchCode: z.string() }),
    paths: z.array(ZSshAccessPath),
    /** Paths that cannot be written, and why ("the host has no guest: no support path"). */
    unavailable: z.array(z.object({ path: z.enum(TERMINAL_PATHS), reason: z.string() })),
    knownHosts: z.string().meta({ description: "known_hosts lines for the boxes these commands verify" }),
  })
  .meta({ id: "SshAccessResponse" });
export type SshAccessResponse = z.infer<typeof ZSshAccessResponse>;

export const ZKnownHostsResponse = z.object({
  branchCode: z.string(),
  text: z.string().meta({ description: "the snippet, ready to append to ~/.ssh/known_hosts" }),
  entries: z.array(
    z.object({
      alias: z.string(),
      label: z.string(),
      key: z.string().nullable().meta({ description: "null: not stored yet (the pinned fingerprint is known)" }),
      fingerprint: z.string().nullable(),
    }),
  ),
});
export type KnownHostsResponse = z.infer<typeof ZKnownHostsResponse>;
