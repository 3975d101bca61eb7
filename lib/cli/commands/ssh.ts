/** `branchdesk ssh BOX`: the web terminal's session in this terminal (in-process mode: it needs the fleet key). */
import type { CommandSpec } from "../command";
import { CliError, EXIT } from "../exit-codes";
import { enumValue, str } from "../values";

export const ssh: CommandSpec = {
  name: "ssh",
  summary: "Open a shell on a host or gateway, recorded and audited like the web terminal.",
  description: `
BOX is a hostname, a gateway's hostname, a guest's name, or host:ID. The same
paths, pinned host keys, limits, recording and audit as a browser session.
Runs on the dashboard's machine only (it uses the fleet key there): not with
--url. Exit code: 0 when the session ended normally, 1 when it was refused or
lost.`,
  args: [{ name: "BOX", help: "hostname, gateway, guest name or host:ID" }],
  options: {
    path: { type: "string", value: "PATH", help: "support, gateway or direct (default: the usual one for the box)" },
  },
  examples: ["branchdesk ssh br-0042-h01", "branchdesk ssh br-0042-h01 --path gateway"],
  async run(ctx, { args, values }) {
    const path = enumValue("path", str(values.path), ["support", "gateway", "direct"]);
    const backend = await ctx.backend();
    if (backend.mode !== "local" || !ctx.ssh)
      throw new CliError(
        EXIT.usage,
        "ssh runs on the dashboard's machine only: unset BRANCHDESK_URL (or use the web terminal)",
      );
    return ctx.ssh(args[0]!, path);
  },
};
