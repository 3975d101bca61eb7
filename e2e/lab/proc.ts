import { spawn } from "node:child_process";
import { shellCommand } from "@/lib/domain/shell-quote";

export interface ExecResult { code: number; signal: NodeJS.Signals | null; stdout: string; stderr: string }
export interface ExecOptions {
  /** Bytes written to stdin, then closed. */
  input?: string;
  timeoutMs?: number;
  /** Return the result on a non-zero exit instead of throwing. */
  allowFailure?: boolean;
  /** The whole environment of the command (default: this process's). */
  env?: Record<string, string>;
}

/** Runs an argv (never a shell string) and collects its output. */
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
      ? setTimeout(() => { timedOut = true; child.kill("SIGKILL"); }, opts.timeoutMs)
      : undefined;
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => errs.push(d));
    child.on("error", (e) => { clearTimeout(timer); reject(new Error(`${shellCommand(argv)}: ${e.message}`)); });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const result: ExecResult = {
        code: code ?? -1, signal, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(errs).toString(),
      };
      if (timedOut) result.stderr += `\n[lab] killed after ${opts.timeoutMs} ms`;
      if (result.code !== 0 && !opts.allowFailure) {
        reject(new Error(`command failed (exit ${result.code}${signal ? `, ${signal}` : ""}): ${shellCommand(argv)}\n${result.stderr.trim()}`));
      } else resolve(result);
    });
    child.stdin.on("error", () => {}); // a command that exits before reading stdin is not our failure
    child.stdin.end(opts.input ?? "");
  });
}

/** Next's global types make NODE_ENV a required key of ProcessEnv; a box's environment has none. */
export function asProcessEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return env as unknown as NodeJS.ProcessEnv;
}

/** Runs `ip -batch -` (optionally inside a named netns) with the given lines. */
export async function ipBatch(lines: readonly string[], netns?: string): Promise<void> {
  if (lines.length === 0) return;
  const argv = netns ? ["ip", "-n", netns, "-batch", "-"] : ["ip", "-batch", "-"];
  await run(argv, { input: lines.join("\n") + "\n" });
}

/** Maps with at most `limit` promises in flight; the first failure rejects after in-flight work settles. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const i = next++;
      try { results[i] = await fn(items[i]!, i); } catch (e) { failure ??= e; }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure;
  return results;
}

export function netnsPath(netns: string): string {
  return `/run/netns/${netns}`;
}
