import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { probeSshHostKey } from "../lib/ssh/probe-ssh-host-key";
import { SSH_PORT } from "../lib/domain/values/port";
import type { Ipv4 } from "../lib/domain/values/ipv4";
import { run } from "../lib/testing/proc";
import { enrolLab, requestCall, sendExpecting, unenrolLab } from "./lab/enrol-lab";
import { Lab } from "./lab/lab";
import { skipLab } from "./lab/lab-test-support";
import { adminPassword, runTag } from "./sign-in";

/**
 * Issue 15: the `branchdesk` CLI as a script uses it, against the running production
 * dashboard (the one every spec drives, started by scripts/e2e-run.ts) with an operator's API
 * token, on a lab branch (namespaces with real sshd and netfilter; hosts accept SSH from
 * link-local sources only, so the support path needs the gateway's SNAT too). No browser:
 * the CLI is the client. Needs root (the lab).
 */
test.describe("the branchdesk CLI with a token, against the running dashboard", () => {
  test.skip(
    skipLab("e2e/cli.spec.ts: the CLI lists, searches, previews, applies, watches and reads the audit"),
    "needs root: see the banner",
  );

  const baseURL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";
  const operator = { username: `cli-operator-${runTag()}`, password: "cli-operator-password-1" };
  let lab: Lab | undefined;
  let admin: APIRequestContext | undefined;
  let token = "";

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    const pubkey = process.env.E2E_FLEET_PUBKEY;
    if (!pubkey) throw new Error("E2E_FLEET_PUBKEY is not set: run the specs through scripts/e2e-run.ts");
    // Its own branch code: the rollouts it leaves behind must not show in rollout.spec's BR-0001 tables.
    lab = await Lab.up({
      branches: 1,
      hostsPerBranch: 2,
      firstBranchNumber: 51,
      extraAuthorizedKeys: [readFileSync(pubkey, "utf8")],
    });
    admin = await request.newContext({ baseURL });
    await sendExpecting(admin, {
      method: "POST",
      path: "/api/v1/session",
      body: { username: "admin", password: adminPassword() },
      expect: 200,
    });
    await enrolLab(lab.inventory, (r) => sendExpecting(admin!, r));
    await sendExpecting(admin, {
      method: "POST",
      path: "/api/v1/users",
      body: { ...operator, role: "operator" },
      expect: 201,
    });
    // The operator makes their own token, as the Tokens page does.
    const own = await request.newContext({ baseURL });
    try {
      await sendExpecting(own, { method: "POST", path: "/api/v1/session", body: operator, expect: 200 });
      const created = (await sendExpecting(own, {
        method: "POST",
        path: "/api/v1/tokens",
        body: { name: "e2e-cli", role: "operator" },
        expect: 201,
      })) as { secret: string };
      token = created.secret;
    } finally {
      await own.dispose();
    }
  });

  test.afterAll(async () => {
    if (admin && lab) await unenrolLab(lab.inventory, requestCall(admin));
    await admin?.dispose();
    await lab?.down();
  });

  const cli = (...args: string[]) =>
    run([process.execPath, path.join(process.cwd(), "scripts/branchdesk.mjs"), ...args], {
      allowFailure: true,
      timeoutMs: 240_000,
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: process.env.HOME ?? "/root",
        BRANCHDESK_URL: baseURL,
        BRANCHDESK_TOKEN: token,
      },
    });

  test("lists, searches, previews, applies, watches and reads the audit log", async () => {
    test.setTimeout(480_000);
    const branch = lab!.inventory.branches[0]!;
    const host = branch.hosts[0]!;

    await test.step("branches list and hosts search find the lab branch and its host", async () => {
      const list = await cli("branches", "list");
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toMatch(new RegExp(`^${branch.code}\\s`, "m"));
      const search = await cli("hosts", "search", host.guest.ip, "--json");
      expect(search.code, search.stderr).toBe(0);
      expect(JSON.parse(search.stdout)).toMatchObject({ items: [{ hostname: host.hostname }] });
    });

    await test.step("a dry run shows the rules to add and changes nothing on the boxes", async () => {
      const dry = await cli("apply", "--branch", branch.code, "--dry-run", "--interval", "1");
      expect(dry.code, dry.stdout + dry.stderr).toBe(0);
      expect(dry.stdout).toMatch(/rollout #\d+ succeeded \(dry run\)/);
      expect(dry.stdout).toMatch(/^ {6}\+ /m);
      expect((await probe(host.guest.ip)).ok).toBe(false);
    });

    let id = "";
    await test.step("apply rolls the branch out (plain lines in a pipe) and the support path answers", async () => {
      const applied = await cli("apply", "--branch", branch.code, "--interval", "1");
      expect(applied.code, applied.stdout + applied.stderr).toBe(0);
      expect(applied.stdout).toMatch(new RegExp(`^ {2}succeeded +host ${host.hostname} \\(${branch.code}\\)$`, "m"));
      id = /^rollout #(\d+) succeeded/m.exec(applied.stdout)?.[1] ?? "";
      expect(id, applied.stdout).not.toBe("");
      for (const h of branch.hosts) {
        const seen = await probe(h.guest.ip);
        expect(seen.ok, `${h.hostname}: guest ${h.guest.ip}:22 after the CLI's rollout`).toBe(true);
      }
    });

    await test.step("rollout --watch --json reads the finished rollout", async () => {
      const watch = await cli("rollout", id, "--watch", "--json");
      expect(watch.code, watch.stderr).toBe(0);
      expect(JSON.parse(watch.stdout)).toMatchObject({ rollout: { id: Number(id), status: "succeeded" } });
    });

    await test.step("audit names the token and its owner; a user list is refused (exit 3)", async () => {
      const audit = await cli("audit", "--entity-type", "rollout", "--entity-id", id);
      expect(audit.code, audit.stderr).toBe(0);
      expect(audit.stdout).toContain(`${operator.username} via token "e2e-cli"`);
      const users = await cli("users", "list");
      expect(users.code, users.stdout + users.stderr).toBe(3);
      expect(users.stderr).not.toMatch(/^\s+at /m); // one line, no stack trace
    });
  });
});

const probe = (ip: string) => probeSshHostKey(ip as Ipv4, SSH_PORT, 5_000);
