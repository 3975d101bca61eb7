/**
 * `branchdesk ...` from argv to exit code: find the command, print help or
 * parse, pick the dashboard (a URL and token, or this machine's database),
 * run, and turn every failure into one message and its exit code
 * (exit-codes.ts). Never a stack trace for an expected failure; an unexpected
 * one prints its message (and its stack with BRANCHDESK_DEBUG=1).
 */
import type { Fetch } from "./api-client";
import type { Backend } from "./backend";
import { helpText, parseCommand, PROGRAM, usageLine, wantsHelp, type CommandSpec, type Output } from "./command";
import { COMMANDS, GROUP_DEFAULTS } from "./commands";
import { chooseConnection, plainHttpWarning } from "./connection";
import { CliError, EXIT, UsageError } from "./exit-codes";
import { httpBackend } from "./http-backend";

export type CliEnvironment = {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  io: Output;
  readFile(path: string): Promise<string>;
  readFileSync(path: string): string;
  sleep(ms: number): Promise<void>;
  fetch?: Fetch;
  /** In-process mode: loaded only when there is no URL (lib/cli/local-backend.ts). */
  localBackend(): Promise<Backend>;
  ssh?: (box: string, path: string | undefined) => Promise<number>;
};

const groups = [...new Set(COMMANDS.filter((c) => c.name.includes(" ")).map((c) => c.name.split(" ")[0]!))];

export function programHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `usage: ${PROGRAM} <command> [options]`,
    "",
    "Branchdesk from a terminal or a script: the dashboard's fleet, rollouts and audit log.",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    `Run '${PROGRAM} <command> --help' for a command's options and examples.`,
    "",
    "Where it connects:",
    "  BRANCHDESK_URL, --url URL    a dashboard, over its JSON API (https://...)",
    "  BRANCHDESK_TOKEN             its API token (bdt_...); or BRANCHDESK_TOKEN_FILE / --token-file FILE",
    "  neither                      this machine's dashboard database and fleet key (DATABASE_URL), in-process",
    "",
    "Exit codes: 0 ok, 1 the operation failed, 2 usage error, 3 not authorised (401/403),",
    "            4 dashboard unreachable (connection refused, DNS, timeout). Details: docs/cli.md",
    "",
  ].join("\n");
}

function groupHelp(group: string): string {
  const subs = COMMANDS.filter((c) => c.name.startsWith(`${group} `));
  const width = Math.max(...subs.map((c) => c.name.length));
  return [
    `usage: ${PROGRAM} ${group} <${subs.map((c) => c.name.split(" ")[1]).join("|")}> [options]`,
    "",
    ...subs.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    `Run '${PROGRAM} ${group} <subcommand> --help' for its options.`,
    "",
  ].join("\n");
}

type Found = { spec: CommandSpec; rest: readonly string[] } | { help: string } | { usage: string };

/** Which command the words name, and the words left for it. */
export function findCommand(argv: readonly string[]): Found {
  const [first, second] = argv;
  const general = `usage: ${PROGRAM} <command> [options]; '${PROGRAM} --help' lists them`;
  if (first === undefined) return { usage: `no command given\n${general}` };
  if (first === "--help" || first === "-h") return { help: programHelp() };
  if (first === "help") {
    if (argv.length === 1) return { help: programHelp() };
    const found = findCommand(argv.slice(1));
    return "spec" in found ? { help: helpText(found.spec) } : found;
  }
  if (groups.includes(first)) {
    const sub = COMMANDS.find((c) => c.name === `${first} ${second}`);
    if (sub) return { spec: sub, rest: argv.slice(2) };
    if (second === undefined || second.startsWith("-")) {
      if (wantsHelp(argv.slice(1))) return { help: groupHelp(first) };
      const fallback = GROUP_DEFAULTS[first];
      const spec = COMMANDS.find((c) => c.name === `${first} ${fallback}`);
      if (spec) return { spec, rest: argv.slice(1) };
      return { usage: `${first}: name a subcommand\n${groupHelp(first)}` };
    }
    return { usage: `${first}: unknown subcommand ${JSON.stringify(second)}\n${groupHelp(first)}` };
  }
  const spec = COMMANDS.find((c) => c.name === first);
  if (spec) return { spec, rest: argv.slice(1) };
  return { usage: `unknown command ${JSON.stringify(first)}\n${general}` };
}

function usageFailure(io: Output, spec: CommandSpec, message: string): number {
  io.err(`${PROGRAM} ${spec.name}: ${message}\n${usageLine(spec)}\nRun '${PROGRAM} ${spec.name} --help' for more.\n`);
  return EXIT.usage;
}

export async function runCli(e: CliEnvironment): Promise<number> {
  const found = findCommand(e.argv);
  if ("help" in found) {
    e.io.out(found.help);
    return EXIT.ok;
  }
  if ("usage" in found) {
    e.io.err(`${PROGRAM}: ${found.usage.trimEnd()}\n`);
    return EXIT.usage;
  }
  const { spec, rest } = found;
  if (wantsHelp(rest)) {
    e.io.out(helpText(spec));
    return EXIT.ok;
  }
  let backend: Backend | undefined;
  try {
    const input = parseCommand(spec, rest);
    const choice = chooseConnection({
      url: typeof input.values.url === "string" ? input.values.url : undefined,
      tokenFile: typeof input.values["token-file"] === "string" ? input.values["token-file"] : undefined,
      env: e.env,
      readFile: e.readFileSync,
    });
    const ctx = {
      io: e.io,
      json: input.values.json === true,
      readFile: e.readFile,
      sleep: e.sleep,
      ssh: e.ssh,
      backend: async () => {
        if (!backend) {
          if (choice.mode === "http") {
            const warning = plainHttpWarning(choice.connection.url);
            if (warning) e.io.err(`${warning}\n`);
            backend = httpBackend(choice.connection, e.fetch);
          } else backend = await e.localBackend();
        }
        return backend;
      },
    };
    return await spec.run(ctx, input);
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(e.io, spec, error.message);
    if (error instanceof CliError) {
      e.io.err(`${PROGRAM} ${spec.name}: ${error.message}\n${error.details.map((d) => `${d}\n`).join("")}`);
      return error.exit;
    }
    const message = error instanceof Error ? error.message : String(error);
    e.io.err(`${PROGRAM} ${spec.name}: ${message}\n`);
    if (e.env.BRANCHDESK_DEBUG && error instanceof Error) e.io.err(`${error.stack}\n`);
    return EXIT.failed;
  } finally {
    await backend?.close();
  }
}
