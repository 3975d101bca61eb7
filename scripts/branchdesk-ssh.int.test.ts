import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ALLOW_LOOPBACK_SSH_ENV } from "@/lib/ssh/resolve-ssh-address";
import { run } from "@/lib/testing/proc";
import { sshKeygenFingerprint, startTestSshd, type TestSshd } from "@/lib/testing/sshd";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeBranch } from "@/prisma/seed/factories";
import { ROOT } from "./schema-files";

/** `npm run branchdesk -- ssh`, run for real as a process against a real sshd and database. */
describeEachDb("branchdesk ssh (the CLI terminal)", (provider) => {
  let t: TestDb;
  let sshd: TestSshd;
  let dataDir: string;
  let hostname: string;

  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
    sshd = await startTestSshd();
    dataDir = mkdtempSync(path.join(os.tmpdir(), "bd-cli-ssh-"));
    const branch = await makeBranch({}, t.db);
    hostname = `gw-${randomBytes(3).toString("hex")}`;
    await t.db.gateway.create({
      data: {
        branchId: branch.id,
        hostname,
        sshAddress: sshd.address,
        sshPort: sshd.port,
        sshUser: "root",
        lanIfname: "lan0",
        lanIp: branch.lanCidr.replace(/0\/\d+$/, "1"),
        hostKeyFingerprint: await sshKeygenFingerprint(sshd.hostKeyPubPath),
      },
    });
  }, 60_000);
  afterAll(async () => {
    await sshd?.stop();
    await t?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const cli = (args: string[], input: string) =>
    run(
      [
        process.execPath,
        path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
        path.join(ROOT, "scripts/branchdesk.ts"),
        ...args,
      ],
      {
        input,
        timeoutMs: 60_000,
        allowFailure: true,
        env: {
          ...process.env,
          DATABASE_URL: t.config.provider === "sqlite" ? `file:${t.config.file}` : t.config.url,
          BRANCHDESK_DATA_DIR: dataDir,
          BRANCHDESK_SSH_KEY: sshd.clientKeyPath,
          [ALLOW_LOOPBACK_SSH_ENV]: "1",
        },
      },
    );

  it("opens a shell on the box by name, recorded and audited as a cli session", async () => {
    const r = await cli(["ssh", hostname.toUpperCase()], "echo cli-$((2+3))\rexit\r");
    expect(r.stderr).toContain(`connected via the direct path (127.0.0.1:${sshd.port})`);
    expect(r.stdout).toContain("cli-5");
    expect(r.stderr).toContain("session ended (box-closed)");
    expect(r.code).toBe(0);
    const row = await t.db.terminalSession.findFirstOrThrow({ where: { boxName: hostname } });
    expect(row).toMatchObject({ client: "cli", username: expect.stringMatching(/^cli:/), endReason: "box-closed" });
    expect(row.bytesIn).toBe(Buffer.byteLength("echo cli-$((2+3))\rexit\r"));
    const cast = readFileSync(path.join(dataDir, "recordings", `${row.id}.cast`), "utf8");
    expect(cast).toContain("cli-5");
    const actions = (await t.db.auditEvent.findMany({ where: { action: { startsWith: "terminal." } } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(["terminal.open", "terminal.close"]);
  });

  it("says so for an unknown box or a bad --path, exiting non-zero", async () => {
    const unknown = await cli(["ssh", "no-such-box"], "");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no host, gateway or guest is named "no-such-box"');
    const bad = await cli(["ssh", hostname, "--path", "sideways"], "");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('branchdesk ssh: --path: must be one of support, gateway, direct (got "sideways")');
  });
});
