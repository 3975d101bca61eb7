/** `branchdesk tokens list|create|revoke`: API tokens, for scripts like this one. Client mode only. */
import { ROLES } from "../../domain/role";
import type { CommandSpec } from "../command";
import { UsageError } from "../exit-codes";
import { formatTable, json, shortTime } from "../format";
import { bool, enumValue, idArg, intValue, str, strs } from "../values";

export const tokensList: CommandSpec = {
  name: "tokens list",
  summary: "List API tokens: yours, or every token for an admin.",
  description: `
Each token's name, role, owner, state, creation time, expiry, last use and the
address it was last used from. Never the secret: it is shown once, when the
token is created.`,
  json: true,
  examples: ["branchdesk tokens list"],
  async run(ctx) {
    const tokens = await (await ctx.backend()).listTokens();
    if (ctx.json) ctx.io.out(json(tokens));
    else
      ctx.io.out(
        formatTable(
          ["ID", "NAME", "ROLE", "OWNER", "STATE", "CREATED", "EXPIRES", "LAST USED", "FROM"],
          tokens.map((t) => [
            String(t.id),
            t.name,
            t.role,
            t.owner?.username ?? "(service)",
            t.state ?? "-",
            shortTime(t.createdAt),
            shortTime(t.expiresAt),
            shortTime(t.lastUsedAt),
            t.lastClientAddress ?? "-",
          ]),
        ),
      );
    return 0;
  },
};

export const tokensCreate: CommandSpec = {
  name: "tokens create",
  summary: "Create an API token and print its secret, once.",
  description: `
Prints the secret (bdt_...) on stdout and nothing else, so it can go straight to
a file: store it now, the dashboard keeps only its hash. The role cannot be
higher than yours, and the token never acts above its owner's role. --service
(admins) makes a token that belongs to no person.`,
  args: [{ name: "NAME", help: "what the token is for, e.g. nightly-export" }],
  json: true,
  options: {
    role: { type: "string", value: "ROLE", help: `${ROLES.join(", ")} (required); at most your own` },
    "expires-in": { type: "string", value: "DAYS", help: "it stops working after DAYS days, 1-3650; default never" },
    "allow-from": {
      type: "string",
      multiple: true,
      value: "CIDR",
      help: "only clients from this network may use it (repeat for more)",
    },
    service: { type: "boolean", help: "a service token, owned by no person (admins)" },
  },
  examples: [
    "(umask 077; branchdesk tokens create nightly-export --role viewer --expires-in 90 > ~/.branchdesk-token)",
    "branchdesk tokens create ci --role operator --allow-from 10.20.0.0/16",
  ],
  async run(ctx, { args, values }) {
    const role = enumValue("role", str(values.role), ROLES);
    if (!role) throw new UsageError("--role is required");
    const allowed = strs(values["allow-from"]);
    const created = await (
      await ctx.backend()
    ).createToken({
      name: args[0]!,
      role,
      expiresInDays: intValue("expires-in", str(values["expires-in"]), 1, 3650),
      ...(allowed.length && { allowedCidrs: allowed }),
      ...(bool(values.service) && { service: true }),
    });
    if (ctx.json) ctx.io.out(json(created));
    else {
      ctx.io.out(`${created.secret}\n`);
      ctx.io.err(`token ${created.token.id} ${created.token.name} (${created.token.role}): store the secret now\n`);
    }
    return 0;
  },
};

export const tokensRevoke: CommandSpec = {
  name: "tokens revoke",
  summary: "Revoke an API token: it stops working at once.",
  description: `ID is the token's id, as \`tokens list\` prints it.`,
  args: [{ name: "ID", help: "the token's id" }],
  json: true,
  examples: ["branchdesk tokens revoke 4"],
  async run(ctx, { args }) {
    const token = await (await ctx.backend()).revokeToken(idArg("ID", args[0]));
    if (ctx.json) ctx.io.out(json(token));
    else ctx.io.err(`token ${token.id} ${token.name} revoked\n`);
    return 0;
  },
};
