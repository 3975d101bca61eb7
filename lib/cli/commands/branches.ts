/** `branchdesk branches list|show`: the fleet overview and one branch, as on the dashboard's Branches pages. */
import { BRANCH_SORT_KEYS } from "../../domain/inventory/branch-input";
import type { CommandSpec } from "../command";
import { formatTable, json } from "../format";
import { branchCodeValue, enumValue, str } from "../values";

export const branchesList: CommandSpec = {
  name: "branches list",
  summary: "List branches with their gateway and host count.",
  description: `
Every branch of the fleet, sorted by code unless --sort says otherwise. --filter
matches a part of the code, name or region, in any case.`,
  json: true,
  options: {
    filter: { type: "string", value: "TEXT", help: "only branches whose code, name or region contains TEXT" },
    region: { type: "string", value: "REGION", help: "only branches of this region" },
    sort: { type: "string", value: "KEY", help: `sort by ${BRANCH_SORT_KEYS.join(", ")} (default code)` },
    desc: { type: "boolean", help: "largest first" },
  },
  examples: ["branchdesk branches list --region Lyon", "branchdesk branches list --json | jq -r '.[].code'"],
  async run(ctx, { values }) {
    const sort = enumValue("sort", str(values.sort), BRANCH_SORT_KEYS);
    const backend = await ctx.backend();
    const branches = await backend.listBranches({
      q: str(values.filter),
      region: str(values.region),
      sort,
      dir: values.desc ? "desc" : "asc",
    });
    if (ctx.json) ctx.io.out(json(branches));
    else
      ctx.io.out(
        formatTable(
          ["CODE", "NAME", "REGION", "LAN", "HOSTS", "GATEWAY"],
          branches.map((b) => [
            b.code,
            b.name,
            b.region,
            b.lanCidr,
            String(b.hostCount),
            b.gateway ? `${b.gateway.hostname} (${b.gateway.sshAddress})` : "-",
          ]),
        ),
      );
    return 0;
  },
};

export const branchesShow: CommandSpec = {
  name: "branches show",
  summary: "Show one branch: its addressing, gateway and hosts with their guests.",
  description: `
CODE is the branch's code, in any case (br-0042 is BR-0042). Exits 1 when no
branch has that code.`,
  args: [{ name: "CODE", help: "the branch code, e.g. BR-0042" }],
  json: true,
  examples: ["branchdesk branches show BR-0042"],
  async run(ctx, { args }) {
    const code = branchCodeValue("CODE", args[0]!);
    const detail = await (await ctx.backend()).getBranch(code);
    if (ctx.json) {
      ctx.io.out(json(detail));
      return 0;
    }
    const { branch, hosts } = detail;
    const g = branch.gateway;
    ctx.io.out(
      `${branch.code}  ${branch.name} (${branch.region})\n` +
        `  LAN ${branch.lanCidr}   link-local pool ${branch.linkLocalPool}   ` +
        `gateway link-local ${branch.gatewayLinkLocalIp}\n` +
        (g
          ? `  gateway ${g.hostname}  ${g.sshUser}@${g.sshAddress}:${g.sshPort}  LAN ${g.lanIfname} ${g.lanIp}  ` +
            `host key ${g.hostKeyFingerprint ?? "not pinned"}\n`
          : "  no gateway\n") +
        "\n",
    );
    ctx.io.out(
      formatTable(
        ["ID", "HOSTNAME", "STATE", "LINK-LOCAL", "SERIAL", "GUEST", "GUEST IP"],
        hosts.map((h) => [
          String(h.id),
          h.hostname,
          h.state,
          h.linkLocalIp,
          h.serial,
          h.guest?.name ?? "-",
          h.guest?.ip ?? "-",
        ]),
      ),
    );
    return 0;
  },
};
