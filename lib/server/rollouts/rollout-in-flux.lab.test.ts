import { chmod, mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { boxDir } from "@/e2e/lab/boxes";
import { Lab } from "@/e2e/lab/lab";
import type { StartRolloutInput } from "@/lib/domain/rollouts/rollout-input";
import { enrolledDb, natState, type RolloutBench } from "@/lib/testing/rollout-bench";
import { getRollout } from "./get-rollout";
import { resumeRollout } from "./resume-rollout";
import { startRollout } from "./start-rollout";

vi.mock("server-only", () => ({}));

// Issue 8: a rollout that starts while a gateway still holds an unconfirmed
// change (its confirm failed: the boot hook could not be registered) must not
// call it "unchanged" and apply the hosts behind it: seconds later the
// gateway's dead-man rolled back and every host lost its support path.
let lab: Lab;
let bench: RolloutBench;
const OPERATOR = { userId: null, username: "olivia", role: "operator" as const };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function start(extra: Partial<StartRolloutInput> = {}) {
  const branchCodes = [branch().code] as StartRolloutInput["branchCodes"];
  const input = { branchCodes, dryRun: false, concurrency: 4, canary: false, failureBudget: 5, ...extra };
  return startRollout(OPERATOR, input);
}
const branch = () => lab.inventory.branches[0]!;
const gwDir = () => boxDir(lab.inventory.runDir, branch().gateway.netns);
const hostStates = () => Promise.all(branch().hosts.map((h) => natState(lab, h.hostname)));
const tokensOn = async (dir: string) => readdir(path.join(dir, "agent", "run", "tokens")).catch(() => [] as string[]);
const withTimeout = (seconds: number) => {
  process.env.BRANCHDESK_CONFIRM_TIMEOUT = String(seconds);
};

beforeAll(async () => {
  lab = await Lab.up({ branches: 1, hostsPerBranch: 2 });
  bench = await enrolledDb(lab);
  const { id, done } = await start();
  await done;
  expect((await getRollout(id)).rollout.status).toBe("succeeded");
  // The incident's gateway: update-rc.d installed, no running systemd, and
  // its init directory (BRANCHDESK_INITD_DIR) is not /etc/init.d.
  await mkdir(path.join(gwDir(), "agent", "init.d"), { recursive: true });
  const fake = path.join(gwDir(), "bin", "update-rc.d"); // the box's /usr/local/sbin
  const says = "update-rc.d: error: unable to read /etc/init.d/branchdesk-rules";
  await writeFile(fake, `#!/bin/sh\necho '${says}' >&2; exit 1\n`);
  await chmod(fake, 0o755);
  // Work on every box: a rollout that trusted the gateway would apply the hosts.
  await lab.exec(branch().gateway.hostname, ["iptables", "-t", "nat", "-F", "BRANCHDESK-POST"]);
  for (const h of branch().hosts) await lab.exec(h.hostname, ["iptables", "-t", "nat", "-F", "BRANCHDESK-PRE"]);
}, 300_000);
afterAll(async () => {
  delete process.env.BRANCHDESK_CONFIRM_TIMEOUT;
  await bench?.t.drop();
  await lab?.down();
});

describe("a rollout meeting a box with an unconfirmed change", () => {
  it("incident: an apply 3 s after a failed confirm waits out the gateway's dead-man; hosts untouched", async () => {
    withTimeout(30);
    const hostsBefore = await hostStates();
    const first = await start();
    await first.done;
    const r1 = await getRollout(first.id);
    const gw1 = r1.targets.find((t) => t.kind === "gateway")!;
    expect(gw1).toMatchObject({ status: "failed", error: expect.stringContaining("hook could not be registered") });
    expect(gw1.error).toMatch(/check BRANCHDESK_INIT .* BRANCHDESK_INITD_DIR \(here .*init\.d\)/);
    const hosts1 = r1.targets.filter((t) => t.kind === "host");
    expect(hosts1.map((t) => t.error)).toEqual(hosts1.map(() => `not started: ${gw1.label} failed`));
    const armed = (await tokensOn(gwDir())).find((t) => t.startsWith(`r${first.id}-`));
    expect(armed, "the first rollout's apply token on the gateway").toBeDefined();

    await sleep(3_000);
    const second = await start();
    // While the first apply's dead-man runs, the gateway's row says what it waits for.
    const waiting = async () => (await getRollout(second.id)).targets.find((t) => t.kind === "gateway")?.output ?? "";
    const label = gw1.label.replace(/[()]/g, "\\$&");
    const says =
      `^waiting up to \\d+ s: ${label} has an unconfirmed change` + ` \\(token ${armed}, from rollout #${first.id};`;
    await expect.poll(waiting, { timeout: 20_000 }).toMatch(new RegExp(says));
    await second.done;
    const r2 = await getRollout(second.id);
    const gw2 = r2.targets.find((t) => t.kind === "gateway")!;
    expect(gw2.status).not.toBe("unchanged");
    // Planned after the rollback, so it saw real work; then its own confirm failed the same way.
    expect(gw2.plan?.changed).toBe(true);
    expect(gw2).toMatchObject({ status: "failed", output: expect.stringContaining(`waited`) });
    expect(gw2.error).toContain("the boot hook could not be registered");
    expect(r2.targets.filter((t) => t.kind === "host").map((t) => [t.status, t.error])).toEqual(
      branch().hosts.map(() => ["skipped", `not started: ${gw2.label} failed`]),
    );
    expect(r2.rollout.status).toBe("failed");
    expect(await hostStates()).toEqual(hostsBefore);
  }, 150_000);

  it("one whose dead-man outlasts the wait is refused with its token and seconds left (preview, resume)", async () => {
    withTimeout(90); // this rollout waits out the last one's 30 s, then leaves a 90 s window
    const long = await start();
    await long.done;
    const token = (await tokensOn(gwDir())).find((t) => t.startsWith(`r${long.id}-`));
    expect(token).toBeDefined();
    const hostsBefore = await hostStates();
    withTimeout(10); // so this dashboard waits at most 15 s
    const why = new RegExp(
      `has an unconfirmed change \\(token ${token}, from rollout #${long.id};` +
        " its dead-man timer rolls it back in (\\d+) s unless it is confirmed\\): wait for that, then retry$",
    );

    const preview = await start({ dryRun: true });
    await preview.done;
    const p = await getRollout(preview.id);
    const gw = p.targets.find((t) => t.kind === "gateway")!;
    expect(gw).toMatchObject({ status: "failed", error: expect.stringMatching(why) });
    expect(Number(why.exec(gw.error!)![1])).toBeGreaterThan(15);
    for (const h of p.targets.filter((t) => t.kind === "host")) {
      expect(h).toMatchObject({ status: "skipped", error: expect.stringMatching(why) });
    }

    // The dashboard died while confirming: resume re-plans the gateway, which is still in flux.
    const rows = await bench.t.db.rolloutTarget.findMany({ where: { rolloutId: long.id } });
    await bench.t.db.rollout.update({ where: { id: long.id }, data: { status: "interrupted", finishedAt: null } });
    for (const t of rows) {
      const status = t.kind === "gateway" ? "interrupted" : "pending";
      await bench.t.db.rolloutTarget.update({ where: { id: t.id }, data: { status } });
    }
    const resumed = await resumeRollout(OPERATOR, long.id);
    await resumed.done;
    const r = await getRollout(long.id);
    const gwAgain = r.targets.find((t) => t.kind === "gateway");
    expect(gwAgain).toMatchObject({ status: "failed", error: expect.stringMatching(why) });
    expect(r.targets.filter((t) => t.kind === "host").map((t) => t.status)).toEqual(["skipped", "skipped"]);
    expect(r.rollout.status).toBe("failed");
    expect(await hostStates()).toEqual(hostsBefore);
  }, 150_000);
});
