/**
 * What a command is (its options, arguments, help and run function), and the
 * two pure steps every command line goes through: parse (node:util parseArgs,
 * strict, its errors rewritten as one line naming the option) and help text.
 *
 * Why parseArgs and not a library: it is Node's own, strict by default, and
 * what it lacks (help, value checks, one-line errors, subcommands) is a page
 * of code here that the tests hold; a library would bring its own help style
 * and exit behaviour to override.
 */
import { parseArgs } from "node:util";
import type { Backend } from "./backend";
import { UsageError } from "./exit-codes";

export type OptionSpec = {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** The value's name in help ("CODE", "N"); string options only. */
  value?: string;
  help: string;
};

export type ArgSpec = { name: string; help: string; optional?: boolean };

export type Output = {
  out(text: string): void;
  err(text: string): void;
  /** stdout is a terminal: live progress redraws one line instead of printing one per change. */
  isTTY: boolean;
};

export type CommandContext = {
  io: Output;
  /** The dashboard: over HTTP with a token, or in this process (lib/cli/local-backend.ts). */
  backend(): Promise<Backend>;
  json: boolean;
  readFile(path: string): Promise<string>;
  sleep(ms: number): Promise<void>;
  /** Set by the entry point: the in-process terminal (scripts/branchdesk-ssh.ts). */
  ssh?: (box: string, path: string | undefined) => Promise<number>;
};

export type ParsedCommand = { values: Record<string, string | boolean | string[] | undefined>; args: string[] };

export type CommandSpec = {
  /** As typed: "apply", "branches list". */
  name: string;
  summary: string;
  /** Paragraphs for --help, written for a person. */
  description: string;
  args?: readonly ArgSpec[];
  /** What follows the name in the usage line, when "ARGS [options]" says too little. */
  synopsis?: string;
  options?: Readonly<Record<string, OptionSpec>>;
  /** --json applies (the command prints data). */
  json?: boolean;
  examples?: readonly string[];
  run(ctx: CommandContext, input: ParsedCommand): Promise<number>;
};

export const PROGRAM = "branchdesk";

/** Options every command takes. --url and --token-file are read before the command runs (connection.ts). */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  url: { type: "string", value: "URL", help: "the dashboard to talk to (or BRANCHDESK_URL); needs a token" },
  "token-file": {
    type: "string",
    value: "FILE",
    help: "read the API token from FILE (or BRANCHDESK_TOKEN / BRANCHDESK_TOKEN_FILE)",
  },
  help: { type: "boolean", short: "h", help: "show this help" },
};
const JSON_OPTION: OptionSpec = { type: "boolean", help: "print JSON instead of text (one document per answer)" };

export function optionsOf(spec: CommandSpec): Record<string, OptionSpec> {
  return { ...spec.options, ...(spec.json ? { json: JSON_OPTION } : {}), ...GLOBAL_OPTIONS };
}

export function usageLine(spec: CommandSpec): string {
  const args = (spec.args ?? []).map((a) => (a.optional ? `[${a.name}]` : a.name)).join(" ");
  return `usage: ${PROGRAM} ${spec.name} ${spec.synopsis ?? `${args ? `${args} ` : ""}[options]`}`;
}

/** True when the line asks for help (before a "--"): help wins over any other problem on the line. */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

/** The command line's words, checked against the spec; a problem is a UsageError with one line. */
export function parseCommand(spec: CommandSpec, argv: readonly string[]): ParsedCommand {
  const options = optionsOf(spec);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: Object.fromEntries(
        Object.entries(options).map(([k, o]) => [
          k,
          { type: o.type, ...(o.short && { short: o.short }), ...(o.multiple && { multiple: true }) },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const args = parsed.positionals;
  const specArgs = spec.args ?? [];
  const required = specArgs.filter((a) => !a.optional).length;
  if (args.length < required) throw new UsageError(`missing ${specArgs[args.length]!.name}`);
  if (args.length > specArgs.length) {
    throw new UsageError(`unexpected argument ${JSON.stringify(args[specArgs.length])}`);
  }
  for (const [name, value] of Object.entries(parsed.values)) {
    const list = Array.isArray(value) ? value : [value];
    if (list.some((v) => v === "")) throw new UsageError(`--${name} needs a value`);
  }
  return { values: parsed.values as ParsedCommand["values"], args };
}

/** parseArgs' errors, which quote the option and suggest "--" at length, as one short line. */
export function describeParseError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(e.message ?? "")?.[1]?.split(" ")[0];
  switch (e.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${quoted ?? ""}`.trim();
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /does not take an argument/.test(e.message ?? "")
        ? `${quoted} takes no value`
        : `${quoted ?? "an option"} needs a value`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument ${quoted ?? ""}`.trim();
    default:
      return (e.message ?? String(error)).split("\n")[0]!;
  }
}

function optionLines(options: Record<string, OptionSpec>): string[] {
  const heads = Object.entries(options).map(([name, o]) => {
    const short = o.short ? `-${o.short}, ` : "";
    const value = o.type === "string" ? ` ${o.value ?? "VALUE"}` : "";
    return `${short}--${name}${value}${o.multiple ? " ..." : ""}`;
  });
  const width = Math.max(...heads.map((h) => h.length));
  return Object.values(options).map((o, i) => `  ${heads[i]!.padEnd(width)}  ${o.help}`);
}

export function helpText(spec: CommandSpec): string {
  const lines = [usageLine(spec), "", spec.summary, "", spec.description.trim()];
  const args = spec.args ?? [];
  if (args.length) {
    const width = Math.max(...args.map((a) => a.name.length));
    lines.push("", "Arguments:", ...args.map((a) => `  ${a.name.padEnd(width)}  ${a.help}`));
  }
  lines.push("", "Options:", ...optionLines(optionsOf(spec)));
  if (spec.examples?.length) lines.push("", "Examples:", ...spec.examples.map((e) => `  ${e}`));
  return `${lines.join("\n")}\n`;
}
