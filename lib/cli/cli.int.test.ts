import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { createApiToken } from "@/lib/server/tokens/create-api-token";
import { pool, run } from "@/lib/testing/proc";
import { serveApi, type ServedApi } from "@/lib/testing/serve-api";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeBranch, makeHost, makeUser } from "@/prisma/seed/factories";
import { COMMANDS } from "./commands";
import { EXIT } from "./exit-codes";

vi.mock("server-only", () => ({}));
// Each test starts several CLI processes (a node and tsx each): minutes on a loaded machine, not seconds.
vi.setConfig({ testTimeout: 300_000 });

const ROOT = path.resolve(__dirname, "../..");
const STACK = /^\s+at .+\(.+:\d+:\d+\)$/m;

/** The real CLI, as `npx branchdesk` runs it: the bin launcher, in a process of its own. */
function cli(args: string[], env: Record<string, string> = {}) {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k, v]) => v !== undefined && !k.startsWith("BRANCHDESK_")),
  ) as Record<string, string>;
  return run([process.execPath, path.join(ROOT, "scripts/branchdesk.mjs"), ...args], {
    allowFailure: true,
    timeoutMs: 60_000,
    env: { ...base, ...env },
  });
}

describe("the command line, spawned", () => {
  it("an unknown option on any command exits 2 with one line and the usage, never a stack trace", async () => {
    const results = await pool(COMMANDS, 4, (c) => cli([...c.name.split(" "), "--bogus"]));
    results.forEach((r, i) => {
      const name = COMMANDS[i]!.name;
      expect(r.code, `${name}: ${r.stderr}`).toBe(EXIT.usage);
      expect(r.stderr.split("\n")).toEqual([
        `branchdesk ${name}: unknown option --bogus`,
        expect.stringMatching(new RegExp(`^usage: branchdesk ${name} `)),
        `Run 'branchdesk ${name} --help' for more.`,
        "",
      ]);
      expect(r.stderr).not.toMatch(STACK);
      expect(r.stdout).toBe("");
    });
  });

  it("apply --help prints the help and exits 0 (it used to crash with ERR_PARSE_ARGS_UNKNOWN_OPTION)", async () => {
    const r = await cli(["apply", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: branchdesk apply \(--branch CODE \.\.\. \| --all\)/);
  });

  it("a dashboard that is not there exits 4", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const r = await cli(["rollouts"], { BRANCHDESK_URL: `http://127.0.0.1:${port}`, BRANCHDESK_TOKEN: "bdt_x" });
    expect(r.code).toBe(EXIT.unreachable);
    expect(r.stderr).toBe(
      `branchdesk rollouts: cannot reach the dashboard at http://127.0.0.1:${port}: ` +
        "connection refused (ECONNREFUSED)\n",
    );
  });
});

describeEachDb("branchdesk against a dashboard's API, with a token", (provider) => {
  let t: TestDb;
  let api: ServedApi;
  const tokens: Record<"viewer" | "operator" | "admin", string> = { viewer: "", operator: "", admin: "" };
  let code: string;
  let hostname: string;
  let bobId: number;
  const as = (role: keyof typeof tokens, args: string[]) =>
    cli(args, { BRANCHDESK_URL: api.url, BRANCHDESK_TOKEN: tokens[role] });

  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
    api = await serveApi();
    for (const role of ["viewer", "operator", "admin"] as const) {
      const u = await makeUser(role, {}, t.db);
      const actor: Actor = { userId: u.id, username: u.username, role };
      tokens[role] = (
        await createApiToken(actor, { name: `cli-${role}`, role, allowedCidrs: [], service: false })
      ).secret;
    }
    bobId = (await makeUser("viewer", {}, t.db)).id;
    const branch = await makeBranch({}, t.db);
    code = branch.code;
    hostname = (await makeHost(branch, {}, t.db)).hostname;
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await t?.drop();
  });

  it("branches list and show, hosts search and show", async () => {
    const list = await as("viewer", ["branches", "list", "--json"]);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { code: string }[]).map((b) => b.code)).toContain(code);
    const show = await as("viewer", ["branches", "show", code.toLowerCase()]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain(hostname);
    const search = await as("viewer", ["hosts", "search", hostname.slice(0, -1)]);
    expect(search.code, search.stderr).toBe(0);
    expect(search.stdout).toMatch(new RegExp(`${code}\\s+${hostname}`));
    const host = await as("viewer", ["hosts", "show", hostname, "--json"]);
    expect(JSON.parse(host.stdout)).toMatchObject({ host: { hostname }, branch: { code } });
  });

  it("a viewer token cannot apply (3); an operator's reaches the dashboard, whose refusal exits 1", async () => {
    const refused = await as("viewer", ["apply", "--branch", code, "--dry-run"]);
    expect(refused.code).toBe(EXIT.unauthorised);
    expect(refused.stderr).toMatch(/^branchdesk apply: POST \/api\/v1\/rollouts: not allowed \(403: /);
    // This branch has no gateway: the dashboard refuses the plan (422), and says why.
    const dry = await as("operator", ["apply", "--branch", code, "--dry-run"]);
    expect(dry.code).toBe(EXIT.failed);
    expect(dry.stderr).toMatch(
      new RegExp(`^branchdesk apply: POST /api/v1/rollouts: .*${code} has no gateway.*\\(422\\)$`, "m"),
    );
    const rollouts = await as("viewer", ["rollouts", "--branch", code, "--json"]);
    expect(rollouts.code, rollouts.stderr).toBe(0);
    expect(JSON.parse(rollouts.stdout)).toEqual([]);
  });

  it("an operator token cannot manage users (3); an admin's can, and the audit log names the token", async () => {
    expect((await as("operator", ["users", "list"])).code).toBe(EXIT.unauthorised);
    const disabled = await as("admin", ["users", "update", String(bobId), "--disable"]);
    expect(disabled.code, disabled.stderr).toBe(0);
    expect(disabled.stdout.trim()).toMatch(new RegExp(`^user ${bobId} .*: viewer, disabled$`));
    const audit = await as("admin", ["audit", "--entity-type", "user", "--entity-id", String(bobId), "--json"]);
    expect(audit.code, audit.stderr).toBe(0);
    const [event] = (JSON.parse(audit.stdout) as { events: { actor: string; action: string }[] }).events;
    expect(event).toMatchObject({ actor: expect.stringContaining('via token "cli-admin"') });
    const csv = await as("viewer", ["export", "--branch", code]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toContain(hostname);
  });

  it("tokens create prints the secret alone; revoked, it gets 401 and the CLI exits 3", async () => {
    const created = await as("operator", ["tokens", "create", "short-lived", "--role", "viewer", "--expires-in", "1"]);
    expect(created.code, created.stderr).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^bdt_\S+$/);
    const mine = await as("operator", ["tokens", "list", "--json"]);
    const id = (JSON.parse(mine.stdout) as { id: number; name: string }[]).find((x) => x.name === "short-lived")!.id;
    expect((await cli(["branches"], { BRANCHDESK_URL: api.url, BRANCHDESK_TOKEN: secret })).code).toBe(0);
    expect((await as("operator", ["tokens", "revoke", String(id)])).code).toBe(0);
    const after = await cli(["branches"], { BRANCHDESK_URL: api.url, BRANCHDESK_TOKEN: secret });
    expect(after.code).toBe(EXIT.unauthorised);
    expect(after.stderr).toMatch(/refused the token \(401: /);
  });

  it("without a URL it runs in-process on this machine's database", async () => {
    const db = t.config.provider === "sqlite" ? `file:${t.config.file}` : t.config.url;
    const r = await cli(["hosts", "search", hostname, "--json"], { DATABASE_URL: db });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ total: 1, items: [{ hostname }] });
  });
});
