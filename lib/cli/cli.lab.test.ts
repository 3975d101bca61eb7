import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Lab } from "@/e2e/lab/lab";
import { createApiToken } from "@/lib/server/tokens/create-api-token";
import { run } from "@/lib/testing/proc";
import { enrolledDb, natState, type RolloutBench } from "@/lib/testing/rollout-bench";
import { serveApi, type ServedApi } from "@/lib/testing/serve-api";
import { makeUser } from "@/prisma/seed/factories";

vi.mock("server-only", () => ({}));
// A lab, then CLI processes one after another (a node and tsx each) and a real rollout: minutes under load.
vi.setConfig({ testTimeout: 600_000 });

// The CLI as a script uses it: a process of its own, talking to the dashboard's API with an
// operator's token, rolling rules out to a lab branch (real namespaces, sshd, netfilter).
const ROOT = path.resolve(__dirname, "../..");
let lab: Lab;
let bench: RolloutBench;
let api: ServedApi;
let token: string;

const cli = (...args: string[]) =>
  run([process.execPath, path.join(ROOT, "scripts/branchdesk.mjs"), ...args], {
    allowFailure: true,
    timeoutMs: 240_000,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? "/root",
      BRANCHDESK_URL: api.url,
      BRANCHDESK_TOKEN: token,
    },
  });

beforeAll(async () => {
  lab = await Lab.up({ branches: 1, hostsPerBranch: 2 });
  bench = await enrolledDb(lab); // also points this process (the dashboard) at the lab's fleet key
  api = await serveApi();
  const u = await makeUser("operator", {}, bench.t.db);
  const actor = { userId: u.id, username: u.username, role: "operator" as const };
  token = (await createApiToken(actor, { name: "lab-cli", role: "operator", allowedCidrs: [], service: false })).secret;
}, 300_000);
afterAll(async () => {
  await api?.close();
  await bench?.t.drop();
  await lab?.down();
});

describe("branchdesk with a token against a dashboard, on a lab branch", () => {
  it("lists, searches, previews, applies, watches and reads the audit log", async () => {
    const branch = lab.inventory.branches[0]!;
    const host = branch.hosts[0]!;

    const list = await cli("branches", "list");
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^${branch.code}\\s`, "m"));

    const search = await cli("hosts", "search", host.guest.ip, "--json");
    expect(search.code, search.stderr).toBe(0);
    expect(JSON.parse(search.stdout)).toMatchObject({ items: [{ hostname: host.hostname }] });

    const dry = await cli("apply", "--branch", branch.code, "--dry-run", "--interval", "1");
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/rollout #\d+ succeeded \(dry run\)/);
    expect(dry.stdout).toMatch(/^ {6}\+ /m); // the diff: rules to add
    const before = await natState(lab, host.hostname);

    const applied = await cli("apply", "--branch", branch.code, "--interval", "1");
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    // Not a terminal: one plain line per target as it changes, then the result.
    expect(applied.stdout).toMatch(new RegExp(`^ {2}succeeded +host ${host.hostname} \\(${branch.code}\\)$`, "m"));
    const id = /^rollout #(\d+) succeeded/m.exec(applied.stdout)?.[1];
    expect(id, applied.stdout).toBeDefined();
    expect(await natState(lab, host.hostname)).not.toBe(before);

    const watch = await cli("rollout", id!, "--watch", "--json");
    expect(watch.code).toBe(0);
    expect(JSON.parse(watch.stdout)).toMatchObject({ rollout: { id: Number(id), status: "succeeded" } });

    const audit = await cli("audit", "--entity-type", "rollout", "--entity-id", id!);
    expect(audit.code, audit.stderr).toBe(0);
    expect(audit.stdout).toContain(`via token "lab-cli"`);
  });
});
