import { randomBytes } from "node:crypto";
import type { ClientChannel } from "ssh2";
import { err, ok, type Result } from "@/lib/domain/result";
import { sessionClient, type SshSession } from "./connect-ssh";
import { killRemoteGroup, takePidReport, withPidReport } from "./remote-process-group";
import type { CommandOutput, RunCommandOptions } from "./run-command";
import { commandFailed, commandTimeout, type SshFailure } from "./ssh-failure";
import { describeTarget } from "./ssh-target";

/**
 * One `sh -s` on the box that runs several scripts in turn, each sent when the
 * previous one has answered: a rollout plans, applies, waits for its own
 * end-to-end check and confirms over a single SSH channel, so the box starts
 * one session (sshd child, login shell) per target instead of one per step.
 *
 * Each step is sent as a `{ }` group (read whole before any of it runs) with
 * /dev/null as stdin, followed by a line that prints a per-shell random marker
 * and the group's exit code; the step's answer is the stdout before that
 * marker. A step that ends the shell (`exit`, a syntax error) answers with the
 * shell's exit status. When the connection drops the shell reads EOF and
 * exits: nothing half-sent ever runs.
 */
export type RemoteShell = {
  step(script: string, options: RunCommandOptions & { name: string }): Promise<Result<CommandOutput, SshFailure>>;
  /** Closes stdin (the shell exits) and waits, briefly, for the channel to close. */
  end(): Promise<void>;
  readonly closed: boolean;
};

type Pending = {
  label: string;
  okCodes: readonly number[];
  started: number;
  stderrFrom: number;
  timer: NodeJS.Timeout;
  resolve(r: Result<CommandOutput, SshFailure>): void;
};

export function openRemoteShell(
  session: SshSession,
  options: { timeoutMs: number },
): Promise<Result<RemoteShell, SshFailure>> {
  const where = describeTarget(session.target);
  if (session.lost) return Promise.resolve(err(session.lost));
  const marker = `@@branchdesk-step-${randomBytes(8).toString("hex")}`;
  const client = sessionClient(session);

  return new Promise((resolveOpen) => {
    let channel: ClientChannel | undefined;
    let stdout = Buffer.alloc(0);
    let stderr = Buffer.alloc(0);
    let pending: Pending | null = null;
    let closed = false;
    let exitCode: number | null = null;
    let signal: string | null = null;
    const closeWaiters: (() => void)[] = [];
    const openTimer = setTimeout(() => {
      channel?.close();
      resolveOpen(
        err({
          kind: "timeout",
          where,
          timeoutMs: options.timeoutMs,
          message: `opening a shell on ${where} took longer than ${options.timeoutMs} ms`,
        }),
      );
    }, options.timeoutMs);

    // The pid report is the first thing on stderr; a step started before it arrived strips it.
    const stderrSince = (from: number) =>
      (from === 0 ? takePidReport(stderr).rest : stderr.subarray(from)).toString("utf8");
    const finishStep = (r: Result<CommandOutput, SshFailure>) => {
      const p = pending;
      if (!p) return;
      pending = null;
      clearTimeout(p.timer);
      p.resolve(r);
    };
    // A step is over when its marker has come on stdout (with the exit code)
    // and then on stderr: the two streams arrive independently.
    let answered: { code: number; stdout: string } | null = null;
    const scan = () => {
      const p = pending;
      if (!p) return;
      if (!answered) {
        const text = stdout.toString("latin1");
        const at = text.indexOf(`\n${marker} `);
        const eol = at < 0 ? -1 : text.indexOf("\n", at + 1 + marker.length);
        if (eol < 0) return;
        answered = {
          code: Number(text.slice(at + 2 + marker.length, eol)),
          stdout: stdout.subarray(0, at).toString("utf8"),
        };
        stdout = stdout.subarray(eol + 1);
      }
      const errMarker = Buffer.from(`\n${marker}\n`, "latin1");
      const errAt = stderr.indexOf(errMarker, p.stderrFrom);
      if (errAt < 0) return;
      const own = stderr.subarray(p.stderrFrom, errAt);
      const stepStderr = (p.stderrFrom === 0 ? takePidReport(own).rest : own).toString("utf8");
      stderr = Buffer.concat([stderr.subarray(0, errAt), stderr.subarray(errAt + errMarker.length)]);
      const { code, stdout: out } = answered;
      answered = null;
      const o = { code, stdout: out, stderr: stepStderr, durationMs: Math.round(performance.now() - p.started) };
      finishStep(
        p.okCodes.includes(code) ? ok(o) : err(commandFailed(where, p.label, { ...o, exitCode: code, signal: null })),
      );
    };

    const onChannel = (openError: Error | undefined, ch?: ClientChannel) => {
      clearTimeout(openTimer);
      if (openError || !ch) {
        resolveOpen(
          err(
            session.lost ?? {
              kind: "protocol",
              where,
              message: `could not start a shell on ${where}: ${openError?.message ?? "no channel"}`,
            },
          ),
        );
        return;
      }
      channel = ch;
      ch.on("data", (chunk: Buffer) => {
        stdout = Buffer.concat([stdout, chunk]);
        scan();
      });
      ch.stderr.on("data", (chunk: Buffer) => {
        stderr = Buffer.concat([stderr, chunk]);
        scan();
      });
      ch.on("exit", (code: number | null, sig?: string) => {
        exitCode = typeof code === "number" ? code : null;
        signal = sig ?? null;
      });
      ch.on("close", () => {
        closed = true;
        const p = pending;
        if (p) {
          // The step ended the shell (exit, syntax error) or the connection went away.
          const o = {
            stdout: stdout.toString("utf8"),
            stderr: stderrSince(p.stderrFrom),
            durationMs: Math.round(performance.now() - p.started),
          };
          if (exitCode !== null && p.okCodes.includes(exitCode)) finishStep(ok({ ...o, code: exitCode }));
          else if (exitCode === null && signal === null) {
            finishStep(
              err(
                session.lost ?? {
                  kind: "protocol",
                  where,
                  message:
                    `${p.label} on ${where} ended without an exit status (channel closed); ` +
                    `its effect on the box is unknown — check it before retrying`,
                },
              ),
            );
          } else finishStep(err(commandFailed(where, p.label, { ...o, exitCode, signal })));
        }
        for (const w of closeWaiters.splice(0)) w();
      });
      resolveOpen(ok(shell));
    };

    const shell: RemoteShell = {
      get closed() {
        return closed;
      },
      step(script, stepOptions) {
        const label = stepOptions.name;
        if (closed || !channel)
          return Promise.resolve(
            err(
              session.lost ?? {
                kind: "protocol",
                where,
                message: `the shell on ${where} has already ended; cannot run ${label}`,
              },
            ),
          );
        if (pending)
          return Promise.reject(
            new Error(`remote shell on ${where}: ${label} sent while ${pending.label} is still running`),
          );
        const ch = channel;
        return new Promise((resolve) => {
          const started = performance.now();
          const timer = setTimeout(async () => {
            const p = pending;
            if (!p) return;
            pending = null;
            const { pid } = takePidReport(stderr);
            const killed = pid !== null && (await killRemoteGroup(client, pid));
            ch.close();
            p.resolve(
              err(
                commandTimeout(
                  where,
                  label,
                  stepOptions.timeoutMs,
                  stderrSince(p.stderrFrom),
                  Math.round(performance.now() - started),
                  killed ? pid : null,
                ),
              ),
            );
          }, stepOptions.timeoutMs);
          answered = null;
          pending = {
            label,
            okCodes: stepOptions.okExitCodes ?? [0],
            started,
            stderrFrom: stderr.length,
            timer,
            resolve,
          };
          const text = script.endsWith("\n") ? script : `${script}\n`;
          ch.write(
            `{\n${text}} </dev/null\nprintf '\\n%s %s\\n' '${marker}' "$?"; printf '\\n%s\\n' '${marker}' >&2\n`,
          );
        });
      },
      end() {
        if (closed || !channel) return Promise.resolve();
        const ch = channel;
        return new Promise((resolve) => {
          const timer = setTimeout(() => {
            ch.close();
            resolve();
          }, 2_000);
          closeWaiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
          ch.end();
        });
      },
    };

    try {
      client.exec(withPidReport("sh -s"), onChannel);
    } catch (e) {
      onChannel(e as Error);
    }
  });
}
