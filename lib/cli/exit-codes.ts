/**
 * The CLI's exit codes (docs/cli.md): one meaning each, whatever the command,
 * so a script can tell "try again later" (4) from "fix the token" (3) from
 * "fix the command line" (2) from "the operation itself failed" (1).
 */
export const EXIT = {
  ok: 0,
  /** The operation ran and failed: a rollout target failed, a 404/409/422, an import with errors. */
  failed: 1,
  /** The command line is wrong: unknown option, bad value, missing argument. Nothing was sent. */
  usage: 2,
  /** The dashboard refused the credentials (401) or the role is too weak (403). */
  unauthorised: 3,
  /** The dashboard could not be reached: connection refused, DNS, timeout. */
  unreachable: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An expected failure: its message is printed as is (one line, no stack) and the process exits with `exit`. */
export class CliError extends Error {
  constructor(
    readonly exit: ExitCode,
    message: string,
    /** Extra lines printed after the message (a 422's field errors). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** A wrong command line: printed with the command's usage, exit 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(EXIT.usage, message);
    this.name = "UsageError";
  }
}
