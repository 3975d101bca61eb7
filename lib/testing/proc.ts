/**
 * The one way tests, the lab and the benchmarks run a program: an argv (never
 * a shell string), its output collected, the exit code and signal reported.
 * It resolves only when stdout and stderr close, so a child that leaves a
 * descendant holding them (a dead-man timer that kept the session's
 * descriptors) hangs the caller instead of passing unnoticed.
 */
import { spawn } from "node:child_process";
import { shellCommand } from "@/lib/domain/shell-quote";

export type ExecResult = { code: number; signal: NodeJS.Signals | null; stdout: string; stderr: string };
export type ExecOptions = {
  /** Bytes written to stdin, then closed. */
  input?: string;
  timeoutMs?: number;
  /** Return the result on a non-zero exit instead of throwing. */
  allowFailure?: boolean;
  /** The whole environment of the command (default: this process's). */
  env?: Record<string, string>;
};

export function run(argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
  const [file, ...args] = argv;
  if (!file) return Promise.reject(new Error("run: empty argv"));
  return new Promise((resolve, reject) => {
    const env = opts.env ? asProcessEnv(opts.env) : process.env;
    const child = spawn(file, args, { stdio: ["pipe", "pipe", "pipe"], env });
    const out: Buffer[] = [];
    const errs: Buffer[] = [];
    let timedOut = false;
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill("SIGKILL");
        }, opts.timeoutMs)
      : undefined;
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => errs.push(d));
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`${shellCommand(argv)}: ${e.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const result: ExecResult = {
        code: code ?? -1,
        signal,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(errs).toString(),
      };
      if (timedOut) result.stderr += `\n[run] killed after ${opts.timeoutMs} ms`;
      if (result.code === 0 || opts.allowFailure) return resolve(result);
      const how = `exit ${result.code}${signal ? `, ${signal}` : ""}`;
      reject(new Error(`command failed (${how}): ${shellCommand(argv)}\n${result.stderr.trim()}`));
    });
    // A command that exits before reading its stdin is not our failure.
    child.stdin.on("error", () => undefined);
    child.stdin.end(opts.input ?? "");
  });
}

/** Next's global types make NODE_ENV a required key of ProcessEnv; a box's environment has none. */
export function asProcessEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return env as unknown as NodeJS.ProcessEnv;
}

/** Maps with at most `limit` promises in flight; the first failure rejects after in-flight work settles. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i]!, i);
      } catch (e) {
        failure ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure;
  return results;
}
