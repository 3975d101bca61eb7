import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { unwrap } from "@/lib/domain/result";
import { startTestSshd, type TestSshd } from "@/lib/testing/sshd";
import { connectToTestSshd } from "@/lib/testing/test-ssh-session";
import type { SshSession } from "./connect-ssh";
import { createLimiter } from "@/lib/rollout/create-limiter";
import { ALLOW_LOOPBACK_SSH_ENV } from "./resolve-ssh-address";
import { runCommand } from "./run-command";

// The test sshd listens on 127.0.0.1, which the dashboard refuses to SSH to;
// this file turns on the test-only escape.
vi.stubEnv(ALLOW_LOOPBACK_SSH_ENV, "1");

let sshd: TestSshd;
let session: SshSession;

beforeAll(async () => {
  sshd = await startTestSshd();
  session = await connectToTestSshd(sshd, "gateway BR-0001");
});
afterAll(async () => {
  session?.close();
  await sshd?.stop();
});

const T = { timeoutMs: 10_000 };

describe("runCommand", () => {
  it("returns stdout, stderr and exit code 0", async () => {
    const out = unwrap(await runCommand(session, ["sh", "-c", "echo out; echo err >&2"], T));
    expect(out).toMatchObject({ code: 0, stdout: "out\n", stderr: "err\n" });
    expect(out.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("passes every argv word through literally (quoted by shell-quote, nothing expands)", async () => {
    const words = ["a b", "'quoted'", "$(touch /tmp/branchdesk-never)", "`id`", "; rm -rf /", "é ü", "*", ""];
    const out = unwrap(await runCommand(session, ["printf", "%s\\n", ...words], T));
    expect(out.stdout).toBe(words.map((w) => `${w}\n`).join(""));
    expect(existsSync("/tmp/branchdesk-never")).toBe(false);
  });

  it("feeds stdin to an argv command", async () => {
    const out = unwrap(await runCommand(session, ["wc", "-c"], { ...T, stdin: "12345" }));
    expect(out.stdout.trim()).toBe("5");
  });

  it("runs a script through sh -s with its own positional arguments", async () => {
    const script = 'set -eu\nprintf "%s|%s|%s\\n" "$#" "$1" "$2"\nexit 0\n';
    const out = unwrap(await runCommand(session, { script, args: ["198.51.100.7", "it's"], name: "echo script" }, T));
    expect(out.stdout).toBe("2|198.51.100.7|it's\n");
  });

  it("decodes UTF-8 that straddles channel chunks", async () => {
    const out = unwrap(
      await runCommand(session, { script: "i=0; while [ $i -lt 40000 ]; do printf 'é'; i=$((i+1)); done" }, T),
    );
    expect(out.stdout).toBe("é".repeat(40_000));
  });

  it("a non-zero exit is command-failed with the exit code and the stderr tail", async () => {
    const r = await runCommand(session, ["sh", "-c", "echo 'iptables-restore: line 3 failed' >&2; exit 3"], T);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({
      kind: "command-failed",
      exitCode: 3,
      stderrTail: "iptables-restore: line 3 failed",
      where: `gateway BR-0001 (127.0.0.1:${sshd.port})`,
    });
    expect(r.error.message).toContain("exited with code 3: iptables-restore: line 3 failed");
    expect(r.error.message).toContain("gateway BR-0001");
  });

  it("okExitCodes turns an expected non-zero exit into an answer", async () => {
    const out = unwrap(await runCommand(session, ["sh", "-c", "exit 1"], { ...T, okExitCodes: [0, 1] }));
    expect(out.code).toBe(1);
  });

  it("a command past its timeout is command-timeout, and its whole process group is killed", async () => {
    const marker = path.join(sshd.dir, "survived-timeout");
    const r = await runCommand(
      session,
      { script: 'sleep 2; touch "$1"', args: [marker], name: "slow script" },
      { timeoutMs: 300 },
    );
    expect(r.ok ? r.value : r.error).toMatchObject({ kind: "command-timeout", timeoutMs: 300, killed: true });
    // Had the kill missed, `touch` would run after the sleep.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(existsSync(marker)).toBe(false);
    // The session stays usable after a timeout.
    expect(unwrap(await runCommand(session, ["true"], T)).code).toBe(0);
  });

  it("never runs more than n commands at once through a limiter", async () => {
    const limiter = createLimiter(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        limiter.run(async () => {
          peak = Math.max(peak, ++running);
          try {
            return await runCommand(session, ["sh", "-c", `sleep 0.2; echo ${i}`], T);
          } finally {
            running--;
          }
        }),
      ),
    );
    expect(results.map((r) => unwrap(r).stdout)).toEqual(Array.from({ length: 9 }, (_, i) => `${i}\n`));
    expect(peak).toBe(3);
  });

  it("timings: per command on one session (printed, not asserted)", async () => {
    const times: number[] = [];
    for (let i = 0; i < 10; i++) times.push(unwrap(await runCommand(session, ["true"], T)).durationMs);
    console.info(`runCommand(["true"]) over one session, ms: ${times.join(", ")}`);
    expect(times).toHaveLength(10);
  });
});
