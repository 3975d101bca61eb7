import type { ClientChannel } from "ssh2";
import { err, ok, type Result } from "@/lib/domain/result";
import { shellCommand } from "@/lib/domain/shell-quote";
import { sessionClient, type SshSession } from "./connect-ssh";
import { killRemoteGroup, takePidReport, withPidReport } from "./remote-process-group";
import { commandFailed, commandTimeout, type SshFailure } from "./ssh-failure";
import { describeTarget } from "./ssh-target";

/** A POSIX sh script, sent on stdin to `sh -s` so no value is ever spliced into shell text. */
export type SshScript = {
  readonly script: string;
  /** Positional parameters ($1...), quoted by shell-quote. */
  readonly args?: readonly string[];
  /** How errors name it ("apply script"); defaults to "sh -s script". */
  readonly name?: string;
};

export type CommandOutput = { code: number; stdout: string; stderr: string; durationMs: number };

export type RunCommandOptions = {
  timeoutMs: number;
  /** Exit codes that are answers, not failures (e.g. [0, 1] for `iptables -C`). Default [0]. */
  okExitCodes?: readonly number[];
};

type Outcome = { exitCode: number | null; signal: string | null; stdout: string; stderr: string; durationMs: number };

function commandLine(command: readonly string[] | SshScript): { line: string; label: string; stdin?: string } {
  if ("script" in command) {
    const args = command.args?.length ? ` -- ${shellCommand(command.args)}` : "";
    return { line: `sh -s${args}`, label: command.name ?? "sh -s script", stdin: command.script };
  }
  if (command.length === 0) throw new Error("runCommand needs a non-empty argv");
  const line = shellCommand(command);
  return { line, label: line.length > 120 ? `${line.slice(0, 117)}...` : line };
}

/**
 * Runs argv (each word quoted by shell-quote, since sshd hands the line to the
 * login shell; argv[0] must be a program, it is exec'd) or a script via
 * `sh -s`. A non-zero exit is a "command-failed" value with the stderr tail;
 * past timeoutMs the remote process group is killed (see remote-process-group)
 * and the result is a "command-timeout" value.
 */
export function runCommand(
  session: SshSession,
  argv: readonly string[],
  options: RunCommandOptions & { stdin?: string | Buffer },
): Promise<Result<CommandOutput, SshFailure>>;
export function runCommand(
  session: SshSession,
  script: SshScript,
  options: RunCommandOptions,
): Promise<Result<CommandOutput, SshFailure>>;
export function runCommand(
  session: SshSession,
  command: readonly string[] | SshScript,
  options: RunCommandOptions & { stdin?: string | Buffer },
): Promise<Result<CommandOutput, SshFailure>> {
  const where = describeTarget(session.target);
  if (session.lost) return Promise.resolve(err(session.lost));
  const { line, label, stdin = options.stdin } = commandLine(command);
  const okCodes = options.okExitCodes ?? [0];
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);

  const client = sessionClient(session);
  return new Promise((resolve) => {
    let settled = false;
    let timedOut = false; // from here on only the timeout path settles
    let channel: ClientChannel | undefined;
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const settle = (r: Result<CommandOutput, SshFailure>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const timer = setTimeout(async () => {
      timedOut = true;
      const { pid, rest } = takePidReport(Buffer.concat(stderr));
      const killed = pid !== null && (await killRemoteGroup(client, pid));
      channel?.close();
      settle(
        err(commandTimeout(where, label, options.timeoutMs, rest.toString("utf8"), elapsed(), killed ? pid : null)),
      );
    }, options.timeoutMs);

    const onChannel = (openError: Error | undefined, ch?: ClientChannel) => {
      if (timedOut) {
        ch?.close();
        return;
      } // timed out before the channel opened
      if (openError || !ch) {
        settle(
          err(
            session.lost ?? {
              kind: "protocol",
              where,
              message:
                `could not start ${label} on ${where}: ${openError?.message ?? "no channel"} ` +
                `(sshd MaxSessions reached, or the connection is closing)`,
            },
          ),
        );
        return;
      }
      channel = ch;
      const outcome: Outcome = { exitCode: null, signal: null, stdout: "", stderr: "", durationMs: 0 };
      ch.on("data", (chunk: Buffer) => stdout.push(chunk));
      ch.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
      ch.on("exit", (code: number | null, signal?: string) => {
        outcome.exitCode = typeof code === "number" ? code : null;
        outcome.signal = signal ?? null;
      });
      ch.on("close", () => {
        if (timedOut) return;
        // Decode once at the end: a UTF-8 character may straddle two chunks.
        outcome.stdout = Buffer.concat(stdout).toString("utf8");
        outcome.stderr = takePidReport(Buffer.concat(stderr)).rest.toString("utf8");
        outcome.durationMs = elapsed();
        settle(toResult(session, where, label, outcome, okCodes));
      });
      ch.end(stdin); // EOF right after stdin, so `sh -s` and filters terminate
    };
    try {
      client.exec(withPidReport(line), onChannel);
    } catch (e) {
      // ssh2 throws synchronously when the socket is already gone.
      onChannel(e as Error);
    }
  });
}

function toResult(
  session: SshSession,
  where: string,
  label: string,
  o: Outcome,
  okCodes: readonly number[],
): Result<CommandOutput, SshFailure> {
  if (o.exitCode !== null && okCodes.includes(o.exitCode)) {
    return ok({ code: o.exitCode, stdout: o.stdout, stderr: o.stderr, durationMs: o.durationMs });
  }
  if (o.exitCode === null && o.signal === null) {
    // No exit status at all: the connection went away under the command.
    return err(
      session.lost ?? {
        kind: "protocol",
        where,
        message:
          `${label} on ${where} ended without an exit status (channel closed); ` +
          `its effect on the box is unknown — check it before retrying`,
      },
    );
  }
  return err(commandFailed(where, label, o));
}
