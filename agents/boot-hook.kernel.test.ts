/**
 * A confirm whose boot hook cannot be registered (issue 8: update-rc.d
 * present, no running systemd, the init script written to a directory other
 * than /etc/init.d). The confirm fails, and then the box must be exactly as
 * if it had never been confirmed: nothing promoted for the next boot, the
 * dead-man rolls back, and the error says what to check.
 */
import { chmod, mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hostPayload, SHELLS, useAgentLabs, waitFor, type AgentLab } from "./testing/agent-lab";

const A = { ip: "198.51.100.10", mac: "52:54:00:01:02:0a" };
const B = { ip: "198.51.100.11", mac: "52:54:00:01:02:0b" };
const { lab } = useAgentLabs();

/** An `update-rc.d` first on PATH: fails as Debian's does for a script outside /etc/init.d, or logs and succeeds. */
async function sysvBox(l: AgentLab, works: boolean) {
  const bin = path.join(l.dir, works ? "bin-rc-ok" : "bin-rc-fail");
  const initd = path.join(l.dir, "init.d");
  await mkdir(bin, { recursive: true });
  await mkdir(initd, { recursive: true });
  const body = works
    ? `echo "$@" >>${path.join(l.dir, "update-rc.d.log")}`
    : "echo 'update-rc.d: error: unable to read /etc/init.d/branchdesk-rules' >&2; exit 1";
  await writeFile(path.join(bin, "update-rc.d"), `#!/bin/sh\n${body}\n`);
  await chmod(path.join(bin, "update-rc.d"), 0o755);
  return { initd, env: { PATH: `${bin}:${l.env.PATH}`, BRANCHDESK_INIT: "sysv", BRANCHDESK_INITD_DIR: initd } };
}

const pendingTokens = async (l: AgentLab) => {
  const s = (await l.agent({ verb: "status" })).result;
  return s.ok && s.verb === "status" ? s.pending.map((p) => p.token) : [];
};

describe.each(SHELLS)("a boot hook that cannot be registered, under %s", (shell) => {
  it("fails the confirm saying what to check, promotes nothing; the dead-man restores confirmed rules", async () => {
    const l = await lab(shell);
    const first = await l.agent({ verb: "apply", token: "t1", payload: hostPayload([A]) });
    expect(first.result).toMatchObject({ ok: true, changed: true });
    expect((await l.agent({ verb: "confirm", token: "t1" })).result).toMatchObject({ ok: true, confirmed: true });
    const confirmed = await l.iptablesSave();

    const { initd, env } = await sysvBox(l, false);
    const payload = hostPayload([A, B]);
    const second = await l.agent({ verb: "apply", token: "t2", confirmTimeoutSeconds: 5, payload }, env);
    expect(second.result).toMatchObject({ ok: true, armed: true });
    const c = (await l.agent({ verb: "confirm", token: "t2" }, env)).result;
    expect(c).toMatchObject({ ok: false, verb: "confirm", stage: "persist" });
    const error = c.ok ? "" : c.error;
    expect(error).toContain("the boot hook could not be registered: `update-rc.d branchdesk-rules defaults` failed");
    expect(error).toContain("update-rc.d: error: unable to read /etc/init.d/branchdesk-rules");
    expect(error).toContain("check BRANCHDESK_INIT");
    expect(error).toContain(`BRANCHDESK_INITD_DIR (here ${initd})`);

    // Not promoted: the next boot would restore t1, and t2 is still the pending one.
    expect((await readFile(path.join(l.etc, "active"), "utf8")).trim()).toBe("rules.t1");
    expect(await pendingTokens(l)).toEqual(["t2"]);
    // The script goes too, so the next confirm registers it again instead of finding it unchanged.
    expect(await readdir(initd)).toEqual([]);

    await waitFor("the dead-man to roll back", async () => (await pendingTokens(l)).length === 0, 30);
    expect(await l.iptablesSave()).toBe(confirmed);
    expect((await readdir(l.etc)).filter((f) => f.startsWith("rules."))).toEqual(["rules.t1"]);
  });

  it("once the tool works, the next confirm registers the hook", async () => {
    const l = await lab(shell);
    const failing = await sysvBox(l, false);
    await l.agent({ verb: "apply", token: "t1", payload: hostPayload([A]) }, failing.env);
    const failed = await l.agent({ verb: "confirm", token: "t1" }, failing.env);
    expect(failed.result).toMatchObject({ ok: false, stage: "persist" });
    await l.agent({ verb: "rollback", token: "t1" }, failing.env);

    const working = await sysvBox(l, true);
    await l.agent({ verb: "apply", token: "t2", payload: hostPayload([A]) }, working.env);
    const confirmed = await l.agent({ verb: "confirm", token: "t2" }, working.env);
    expect(confirmed.result).toMatchObject({ ok: true, bootHook: "sysv" });
    expect(await readFile(path.join(l.dir, "update-rc.d.log"), "utf8")).toBe("branchdesk-rules defaults\n");
  });
});
