/** `branchdesk users list|create|update` (admins): the Users page. Passwords come from a file, never argv. */
import { ROLES } from "../../domain/role";
import { ZCreateUserInput, ZUpdateUserInput } from "../../domain/users/user-input";
import type { UserView } from "../../domain/users/user-views";
import type { CommandContext, CommandSpec } from "../command";
import { UsageError } from "../exit-codes";
import { formatTable, json, shortTime } from "../format";
import { enumValue, idArg, str } from "../values";

const PASSWORD_FILE = {
  type: "string",
  value: "FILE",
  help: "read the password from FILE (- for stdin); never typed on the command line",
} as const;

async function password(ctx: CommandContext, file: string | undefined): Promise<string | undefined> {
  if (file === undefined) return undefined;
  const text = await ctx.readFile(file === "-" ? "/dev/stdin" : file);
  return text.replace(/\r?\n$/, "");
}

function fieldProblem(issues: { path: PropertyKey[]; message: string }[]): UsageError {
  const i = issues[0]!;
  return new UsageError(`${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`);
}

const userLine = (u: UserView) => `user ${u.id} ${u.username}: ${u.role}${u.disabled ? ", disabled" : ""}\n`;

export const usersList: CommandSpec = {
  name: "users list",
  summary: "List the dashboard's users (admins only).",
  description: `Every user with their role and whether they are disabled. Never shows passwords.`,
  json: true,
  examples: ["branchdesk users list"],
  async run(ctx) {
    const users = await (await ctx.backend()).listUsers();
    if (ctx.json) ctx.io.out(json(users));
    else
      ctx.io.out(
        formatTable(
          ["ID", "USERNAME", "ROLE", "STATE", "CREATED"],
          users.map((u) => [
            String(u.id),
            u.username,
            u.role,
            u.disabled ? "disabled" : "active",
            shortTime(u.createdAt),
          ]),
        ),
      );
    return 0;
  },
};

export const usersCreate: CommandSpec = {
  name: "users create",
  summary: "Create a user (admins only).",
  description: `
The password is read from --password-file (- reads stdin), so it never shows in
\`ps\` or shell history. The dashboard's password rules apply.`,
  args: [{ name: "USERNAME", help: "the new user's sign-in name" }],
  json: true,
  options: {
    role: { type: "string", value: "ROLE", help: `${ROLES.join(", ")} (required)` },
    "password-file": PASSWORD_FILE,
  },
  examples: ["printf '%s' \"$PW\" | branchdesk users create alice --role operator --password-file -"],
  async run(ctx, { args, values }) {
    const role = enumValue("role", str(values.role), ROLES);
    if (!role) throw new UsageError("--role is required");
    if (str(values["password-file"]) === undefined) throw new UsageError("--password-file is required");
    const input = ZCreateUserInput.safeParse({
      username: args[0],
      role,
      password: await password(ctx, str(values["password-file"])),
    });
    if (!input.success) throw fieldProblem(input.error.issues);
    const user = await (await ctx.backend()).createUser(input.data);
    ctx.io.out(ctx.json ? json(user) : userLine(user));
    return 0;
  },
};

export const usersUpdate: CommandSpec = {
  name: "users update",
  summary: "Change a user's role, disable or enable them, or reset their password (admins only).",
  description: `
Disabling a user ends their sessions and stops their API tokens at once. A
password reset also clears their sign-in delay.`,
  args: [{ name: "ID", help: "the user's id, as `users list` prints it" }],
  json: true,
  options: {
    role: { type: "string", value: "ROLE", help: ROLES.join(", ") },
    disable: { type: "boolean", help: "the user can no longer sign in; their sessions end" },
    enable: { type: "boolean", help: "undo --disable" },
    "password-file": PASSWORD_FILE,
  },
  examples: ["branchdesk users update 7 --role viewer", "branchdesk users update 7 --disable"],
  async run(ctx, { args, values }) {
    const id = idArg("ID", args[0]);
    if (values.disable && values.enable) throw new UsageError("give --disable or --enable, not both");
    const input = ZUpdateUserInput.safeParse({
      role: enumValue("role", str(values.role), ROLES),
      disabled: values.disable ? true : values.enable ? false : undefined,
      password: await password(ctx, str(values["password-file"])),
    });
    if (!input.success) throw fieldProblem(input.error.issues);
    const user = await (await ctx.backend()).updateUser(id, input.data);
    ctx.io.out(ctx.json ? json(user) : userLine(user));
    return 0;
  },
};
