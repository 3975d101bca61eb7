import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { unwrap } from "@/lib/domain/result";
import { startTestSshd, type TestSshd } from "@/lib/testing/sshd";
import { connectToTestSshd } from "@/lib/testing/test-ssh-session";
import type { SshSession } from "./connect-ssh";
import { openRemoteShell } from "./remote-shell";
import { ALLOW_LOOPBACK_SSH_ENV } from "./resolve-ssh-address";
import { runCommand } from "./run-command";

// The test sshd listens on 127.0.0.1, which the dashboard refuses to SSH to;
// this file turns on the test-only escape.
vi.stubEnv(ALLOW_LOOPBACK_SSH_ENV, "1");

let sshd: TestSshd;
let session: SshSession;

beforeAll(async () => {
  sshd = await startTestSshd();
  session = await connectToTestSshd(sshd, "host br-0001-h01");
});
afterAll(async () => {
  session?.close();
  await sshd?.stop();
});

const T = { timeoutMs: 10_000 };

describe("openRemoteShell", () => {
  it("runs steps in one shell: variables and the process survive from one step to the next", async () => {
    const sh = unwrap(await openRemoteShell(session, T));
    const a = unwrap(await sh.step('kept=198.51.100.7\necho "pid $$"\necho to-stderr >&2', { ...T, name: "first" }));
    const b = unwrap(await sh.step('echo "pid $$ kept $kept"', { ...T, name: "second" }));
    expect(a).toMatchObject({ code: 0, stderr: "to-stderr\n" });
    expect(b.stdout).toBe(`${a.stdout.trim()} kept 198.51.100.7\n`);
    expect(b.stderr).toBe("");
    await sh.end();
    expect(sh.closed).toBe(true);
  });

  it("a step's exit code is its answer; a code not listed is command-failed, and the shell goes on", async () => {
    const sh = unwrap(await openRemoteShell(session, T));
    expect(unwrap(await sh.step("(exit 3)", { ...T, name: "three", okExitCodes: [0, 3] })).code).toBe(3);
    const failed = await sh.step("echo why >&2; false", { ...T, name: "a failing step" });
    expect(failed).toMatchObject({
      ok: false,
      error: { kind: "command-failed", exitCode: 1, message: expect.stringContaining("a failing step") },
    });
    expect(unwrap(await sh.step("echo still here", { ...T, name: "after" })).stdout).toBe("still here\n");
    await sh.end();
  });

  it("output that looks like a marker does not end a step early; output without a final newline is kept", async () => {
    const sh = unwrap(await openRemoteShell(session, T));
    const out = unwrap(
      await sh.step("printf '@@branchdesk-step-0000000000000000 0\\n'; printf 'no newline'", { ...T, name: "tricky" }),
    );
    expect(out.stdout).toBe("@@branchdesk-step-0000000000000000 0\nno newline");
    await sh.end();
  });

  it("steps never read the rest of the conversation as their stdin", async () => {
    const sh = unwrap(await openRemoteShell(session, T));
    const out = unwrap(await sh.step("cat; echo done", { ...T, name: "reads stdin" }));
    expect(out.stdout).toBe("done\n");
    expect(unwrap(await sh.step("echo next", { ...T, name: "next" })).stdout).toBe("next\n");
    await sh.end();
  });

  it("a step that exits the shell answers with the shell's exit status; later steps are refused", async () => {
    const sh = unwrap(await openRemoteShell(session, T));
    expect(unwrap(await sh.step("echo bye; exit 4", { ...T, name: "exits", okExitCodes: [4] }))).toMatchObject({
      code: 4,
      stdout: "bye\n",
    });
    expect(sh.closed).toBe(true);
    expect(await sh.step("echo never", { ...T, name: "too late" })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining("already ended") },
    });
  });

  it("a syntax error ends the shell with a clear failure, not a hang", async () => {
    const sh = unwrap(await openRemoteShell(session, T));
    const r = await sh.step("if then fi", { ...T, name: "broken script" });
    expect(r).toMatchObject({
      ok: false,
      error: { kind: "command-failed", message: expect.stringContaining("broken script") },
    });
  });

  it("a step past its timeout is killed with its whole process group and reported as a timeout", async () => {
    const sh = unwrap(await openRemoteShell(session, T));
    const r = await sh.step("echo started; sleep 37", { timeoutMs: 1_000, name: "slow step" });
    expect(r).toMatchObject({
      ok: false,
      error: { kind: "command-timeout", killed: true, message: expect.stringContaining("slow step") },
    });
    const left = unwrap(await runCommand(session, ["sh", "-c", "pgrep -f 'sleep 3[7]' || true"], T));
    expect(left.stdout.trim()).toBe("");
  });

  it("ending the conversation runs the shell's EXIT trap (the agent's directory is removed this way)", async () => {
    const sh = unwrap(await openRemoteShell(session, T));
    const dir = unwrap(
      await sh.step('d=$(mktemp -d); trap \'rm -rf "$d"\' EXIT; echo "$d"', { ...T, name: "mktemp" }),
    ).stdout.trim();
    expect(unwrap(await runCommand(session, ["test", "-d", dir], T)).code).toBe(0);
    await sh.end();
    expect(
      unwrap(await runCommand(session, ["sh", "-c", `test -d '${dir}' && echo left || echo gone`], T)).stdout,
    ).toBe("gone\n");
  });
});
