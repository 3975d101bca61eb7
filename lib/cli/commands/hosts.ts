/** `branchdesk hosts search|show`: the header's fleet-wide search box, and one host. */
import { describeMatch } from "../../domain/inventory/host-search-views";
import { SEARCH_PAGE_MAX, SEARCH_PAGE_SIZE_MAX } from "../../domain/inventory/host-search";
import type { CommandSpec } from "../command";
import { CliError, EXIT } from "../exit-codes";
import { formatTable, json } from "../format";
import { intValue, str } from "../values";

export const hostsSearch: CommandSpec = {
  name: "hosts search",
  summary: "Find hosts anywhere in the fleet by what you read off a screen or a sticker.",
  description: `
TEXT matches the hostname, the guest's name, libvirt domain or IP, either MAC
(host NIC or guest, in any spelling: 52:54:00:aa:bb:cc, 525400aabbcc,
5254.00aa.bbcc), the serial, or the link-local address; whole or by its start
(198.18.4. finds every guest of that /24). Whole matches come first. Exits 0
even when nothing matches (an empty list).`,
  args: [{ name: "TEXT", help: "what to look for (1-100 characters)" }],
  json: true,
  options: {
    page: { type: "string", value: "N", help: "page N of the answer (default 1)" },
    "page-size": { type: "string", value: "N", help: `hosts per page, at most ${SEARCH_PAGE_SIZE_MAX} (default 20)` },
  },
  examples: ["branchdesk hosts search 52-54-00-AA-BB-CC", "branchdesk hosts search 198.18.4. --page-size 100"],
  async run(ctx, { args, values }) {
    const page = intValue("page", str(values.page), 1, SEARCH_PAGE_MAX);
    const pageSize = intValue("page-size", str(values["page-size"]), 1, SEARCH_PAGE_SIZE_MAX);
    const answer = await (await ctx.backend()).searchHosts({ q: args[0]!, page, pageSize });
    if (ctx.json) {
      ctx.io.out(json(answer));
      return 0;
    }
    ctx.io.out(
      formatTable(
        ["ID", "BRANCH", "HOSTNAME", "STATE", "GUEST", "GUEST IP", "MATCHED"],
        answer.items.map((h) => [
          String(h.id),
          h.branch.code,
          h.hostname,
          h.state,
          h.guest?.name ?? "-",
          h.guest?.ip ?? "-",
          describeMatch(h),
        ]),
      ),
    );
    const first = (answer.page - 1) * answer.pageSize;
    const shown = answer.items.length ? `${first + 1}-${first + answer.items.length}` : "none";
    ctx.io.err(`${answer.total} host(s) match ${JSON.stringify(answer.q)}; showing ${shown}\n`);
    return 0;
  },
};

export const hostsShow: CommandSpec = {
  name: "hosts show",
  summary: "Show one host, its guest and its branch.",
  description: `
HOST is the host's id (as \`hosts search\` prints it) or its exact hostname.
Exits 1 when no host matches.`,
  args: [{ name: "HOST", help: "a host id (42) or hostname (br-0042-h07)" }],
  json: true,
  examples: ["branchdesk hosts show 42", "branchdesk hosts show br-0042-h07 --json"],
  async run(ctx, { args }) {
    const backend = await ctx.backend();
    let id = /^[1-9]\d{0,15}$/.test(args[0]!) ? Number(args[0]) : null;
    if (id === null) {
      const found = await backend.searchHosts({ q: args[0]!, pageSize: 10 });
      const exact = found.items.filter((h) => h.hostname.toLowerCase() === args[0]!.toLowerCase());
      if (exact.length !== 1)
        throw new CliError(EXIT.failed, `no host is named ${JSON.stringify(args[0])}; try \`branchdesk hosts search\``);
      id = exact[0]!.id;
    }
    const detail = await backend.getHost(id);
    if (ctx.json) {
      ctx.io.out(json(detail));
      return 0;
    }
    const { host, branch } = detail;
    const g = host.guest;
    ctx.io.out(
      [
        `${host.hostname} (host ${host.id}) in ${branch.code} ${branch.name}: ${host.state}`,
        `  serial ${host.serial}   NIC ${host.nicMac}   bridge ${host.bridge}   link-local ${host.linkLocalIp}`,
        `  ssh user ${host.sshUser}   host key ${host.hostKeyFingerprint ?? "not pinned"}`,
        g ? `  guest ${g.name} (domain ${g.domain})  ${g.ip}  ${g.mac}` : "  no guest",
      ].join("\n") + "\n",
    );
    return 0;
  },
};
