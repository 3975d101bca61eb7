/** `branchdesk tokens list|create|revoke`: API tokens, for scripts like this one. Client mode only. */
import { ROLES } from "../../domain/role";
import type { CommandSpec } from "../command";
import { UsageError } from "../exit-codes";
import { formatTable, json, shortTime } from "../format";
import { ZCreateTokenInput } from "../token-views";
import { bool, enumValue, expiryValue, idArg, str, strs } from "../values";

export const tokensList: CommandSpec = {
  name: "tokens list",
  summary: "List API tokens: yours, or every token for an admin.",
  description: `
Each token's name, role, creation time, expiry, last use and the address it was
last used from. Never the secret: it is shown once, when the token is created.`,
  json: true,
  examples: ["branchdesk tokens list"],
  async run(ctx) {
    const tokens = await (await ctx.backend()).listTokens();
    if (ctx.json) ctx.io.out(json(tokens));
    else
      ctx.io.out(
        formatTable(
          ["ID", "NAME", "ROLE", "OWNER", "CREATED", "EXPIRES", "LAST USED", "FROM"],
          tokens.map((t) => [
            String(t.id),
            t.name,
            t.role,
            t.owner ?? "(service)",
            shortTime(t.createdAt),
            shortTime(t.expiresAt),
            shortTime(t.lastUsedAt),
            t.lastUsedFrom ?? "-",
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
a file: store it now, the dashboard keeps only its hash. The role defaults to
yours and cannot be higher. --service (admins) makes a token that belongs to no
person.`,
  args: [{ name: "NAME", help: "what the token is for, e.g. nightly-export" }],
  json: true,
  options: {
    role: { type: "string", value: "ROLE", help: `${ROLES.join(", ")}; at most your own` },
    expires: { type: "string", value: "WHEN", help: "90d, 12h, 2w or a date (2027-03-31); default: never" },
    "allow-from": {
      type: "string",
      multiple: true,
      value: "CIDR",
      help: "only clients from this network may use it (repeat for more)",
    },
    service: { type: "boolean", help: "a service token, owned by no person (admins)" },
  },
  examples: [
    "branchdesk tokens create nightly-export --role viewer --expires 90d > ~/.config/branchdesk/token",
    "branchdesk tokens create ci --role operator --allow-from 10.20.0.0/16",
  ],
  async run(ctx, { args, values }) {
    const allowed = strs(values["allow-from"]);
    const input = ZCreateTokenInput.safeParse({
      name: args[0],
      role: enumValue("role", str(values.role), ROLES),
      expiresAt: expiryValue("expires", str(values.expires), new Date()),
      allowedCidrs: allowed.length ? allowed : undefined,
      service: bool(values.service) || undefined,
    });
    if (!input.success) throw new UsageError(`NAME: ${input.error.issues[0]!.message}`);
    const created = await (await ctx.backend()).createToken(input.data);
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
  examples: ["branchdesk tokens revoke 4"],
  async run(ctx, { args }) {
    const id = idArg("ID", args[0]);
    await (await ctx.backend()).revokeToken(id);
    ctx.io.err(`token ${id} revoked\n`);
    return 0;
  },
};
