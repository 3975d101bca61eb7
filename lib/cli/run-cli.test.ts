import { describe, expect, it } from "vitest";
import type { RolloutDetailResponse, TargetView } from "../domain/rollouts/rollout-views";
import type { Fetch } from "./api-client";
import type { Backend } from "./backend";
import { EXIT } from "./exit-codes";
import { runCli, type CliEnvironment } from "./run-cli";

const TOKEN_ENV = { BRANCHDESK_URL: "https://bd.example.net", BRANCHDESK_TOKEN: "bdt_test_secret" };

function harness(opts: { fetch?: Fetch; env?: Record<string, string>; tty?: boolean; backend?: Partial<Backend> }) {
  const out: string[] = [];
  const err: string[] = [];
  const sleeps: number[] = [];
  const env: CliEnvironment = {
    argv: [],
    env: opts.env ?? TOKEN_ENV,
    io: { out: (t) => void out.push(t), err: (t) => void err.push(t), isTTY: opts.tty ?? false },
    readFile: async () => "",
    readFileSync: () => "bdt_from_file\n",
    sleep: async (ms) => void sleeps.push(ms),
    fetch: opts.fetch,
    localBackend: async () => ({ mode: "local", close: async () => {}, ...opts.backend }) as Backend,
  };
  const run = async (...argv: string[]) => {
    out.length = 0;
    err.length = 0;
    const code = await runCli({ ...env, argv });
    return { code, out: out.join(""), err: err.join(""), sleeps };
  };
  return run;
}

const answer = (status: number, body: unknown) =>
  (async () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json" },
    })) as unknown as Fetch;

describe("exit codes", () => {
  it("401 is 3, naming the token as the likely cause", async () => {
    const r = await harness({
      fetch: answer(401, { error: { code: "unauthenticated", message: "token revoked" } }),
    })("branches", "list");
    expect(r.code).toBe(EXIT.unauthorised);
    expect(r.err).toBe(
      "branchdesk branches list: GET /api/v1/branches: the dashboard refused the token " +
        "(401: token revoked); it may be revoked, expired or mistyped\n",
    );
  });

  it("403 is 3", async () => {
    const r = await harness({
      fetch: answer(403, { error: { code: "forbidden", message: "this needs the admin role" } }),
    })("users", "list");
    expect(r.code).toBe(EXIT.unauthorised);
    expect(r.err).toContain("not allowed (403: this needs the admin role)");
  });

  it("no connection is 4, naming the address and why", async () => {
    const refused = (async () => {
      throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    }) as unknown as Fetch;
    const r = await harness({ fetch: refused })("rollouts");
    expect(r.code).toBe(EXIT.unreachable);
    expect(r.err).toBe(
      "branchdesk rollouts: cannot reach the dashboard at https://bd.example.net: connection refused (ECONNREFUSED)\n",
    );
  });

  it("a 422 is 1 with the dashboard's message and each field", async () => {
    const r = await harness({
      fetch: answer(422, {
        error: { code: "validation", message: "invalid input", fields: { branchCodes: ["BR-9 does not exist"] } },
      }),
    })("apply", "--branch", "BR-9");
    expect(r.code).toBe(EXIT.failed);
    expect(r.err).toBe(
      "branchdesk apply: POST /api/v1/rollouts: invalid input (422)\n  branchCodes: BR-9 does not exist\n",
    );
  });

  it("an answer that is not the route's schema is 1, not a crash", async () => {
    const r = await harness({ fetch: answer(200, { branches: [{ code: 1 }] }) })("branches");
    expect(r.code).toBe(EXIT.failed);
    expect(r.err).toMatch(/unexpected answer \(branches\.0\.id: .*\); is this CLI from the dashboard's version\?/);
  });

  it("a bad value is 2, with the usage, before anything is sent", async () => {
    let sent = 0;
    const counting = (async () => {
      sent++;
      return new Response("{}");
    }) as unknown as Fetch;
    const r = await harness({ fetch: counting })("apply", "--branch", "BR-1", "--failure-budget", "0");
    expect(r).toMatchObject({ code: EXIT.usage, out: "" });
    expect(r.err.split("\n")).toEqual([
      'branchdesk apply: --failure-budget: must be a whole number from 1 to 100000 (got "0")',
      "usage: branchdesk apply (--branch CODE ... | --all) [--dry-run] [--canary] [--failure-budget N] [options]",
      "Run 'branchdesk apply --help' for more.",
      "",
    ]);
    expect(sent).toBe(0);
  });

  it("a URL without a token is 2", async () => {
    const r = await harness({ env: { BRANCHDESK_URL: "https://bd.example.net" } })("rollouts");
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(/^branchdesk rollouts: no token for https:\/\/bd.example.net: set BRANCHDESK_TOKEN/);
  });
});

describe("client mode", () => {
  it("sends the token as a bearer header from BRANCHDESK_TOKEN_FILE, and the query it was given", async () => {
    const seen: { url: string; auth: string | null }[] = [];
    const spy = (async (url: URL, init: RequestInit) => {
      seen.push({ url: String(url), auth: new Headers(init.headers).get("authorization") });
      return new Response(JSON.stringify({ q: "198.18.", total: 0, page: 2, pageSize: 5, items: [] }));
    }) as unknown as Fetch;
    const r = await harness({
      fetch: spy,
      env: { BRANCHDESK_URL: "https://bd.example.net/desk", BRANCHDESK_TOKEN_FILE: "/etc/bd-token" },
    })("hosts", "search", "198.18.", "--page", "2", "--page-size", "5", "--json");
    expect(r.code).toBe(0);
    expect(seen).toEqual([
      { url: "https://bd.example.net/desk/api/v1/hosts?q=198.18.&page=2&pageSize=5", auth: "Bearer bdt_from_file" },
    ]);
    expect(JSON.parse(r.out)).toMatchObject({ total: 0, items: [] });
  });
});

function detail(status: RolloutDetailResponse["rollout"]["status"], targets: TargetView["status"][]) {
  return {
    rollout: {
      id: 7,
      createdAt: "2026-11-30T22:00:00.000Z",
      createdBy: "ci",
      branchCodes: ["BR-0042"],
      dryRun: false,
      status,
      concurrency: 32,
      canary: false,
      failureBudget: 1,
      cancelRequested: false,
      startedAt: null,
      finishedAt: null,
      summary: status === "running" ? null : "2 targets: 2 succeeded",
      counts: Object.fromEntries(targets.map((t) => [t, targets.filter((x) => x === t).length])),
    },
    targets: targets.map((s, i) => ({
      id: i + 1,
      kind: i === 0 ? "gateway" : "host",
      key: `k${i}`,
      label: i === 0 ? "gw-0042" : "br-0042-h01",
      branchCode: "BR-0042",
      position: i,
      status: s,
      plan: null,
      output: null,
      error: null,
      startedAt: null,
      finishedAt: null,
      durationMs: null,
    })),
  } satisfies RolloutDetailResponse;
}

describe("apply follows the rollout", () => {
  const states = [
    detail("running", ["applying", "pending"]),
    detail("running", ["succeeded", "applying"]),
    detail("succeeded", ["succeeded", "succeeded"]),
  ];
  const backend = () => {
    let i = 0;
    return {
      startRollout: async () => 7,
      getRollout: async () => states[Math.min(i++, states.length - 1)]!,
    };
  };

  it("not on a terminal: one plain line per target that changed, then the result; exit 0", async () => {
    const r = await harness({ env: {}, backend: backend() })("apply", "--branch", "br-0042", "--interval", "5");
    expect(r.code).toBe(0);
    expect(r.err).toBe("rollout #7 started\n");
    expect(r.out).toBe(
      [
        "  applying    gw-0042",
        "  pending     br-0042-h01",
        "  succeeded   gw-0042",
        "  applying    br-0042-h01",
        "  succeeded   br-0042-h01",
        "rollout #7 succeeded: 2 targets: 2 succeeded",
        "  succeeded   gw-0042",
        "  succeeded   br-0042-h01",
        "",
      ].join("\n"),
    );
    expect(r.sleeps).toEqual([5000, 5000]);
  });

  it("on a terminal: one line redrawn in place", async () => {
    const r = await harness({ env: {}, backend: backend(), tty: true })("apply", "--branch", "BR-0042");
    expect(r.out.split("\n")[0]).toBe(
      "\r\x1b[Krollout #7 running: 0/2 done · 1 applying · 1 pending" +
        "\r\x1b[Krollout #7 running: 1/2 done · 1 succeeded · 1 applying" +
        "\r\x1b[Krollout #7 succeeded: 2/2 done · 2 succeeded",
    );
  });

  it("--json: stdout holds only the final rollout; exit 1 when it failed", async () => {
    const failed = detail("failed", ["failed", "skipped"]);
    const r = await harness({ env: {}, backend: { startRollout: async () => 7, getRollout: async () => failed } })(
      "apply",
      "--branch",
      "BR-0042",
      "--json",
    );
    expect(r.code).toBe(EXIT.failed);
    expect(JSON.parse(r.out)).toEqual(failed);
  });
});

describe("audit --follow", () => {
  it("prints the newest page oldest first, then only events newer than the last it printed", async () => {
    const ev = (id: number) => ({
      id,
      at: "2026-11-30T22:00:00.000Z",
      actor: "alice",
      action: "host.update",
      entityType: "host",
      entityId: "1",
      summary: `change ${id}`,
      before: null,
      after: null,
      requestId: null,
    });
    const pages = [
      { events: [ev(2), ev(1)], nextCursor: null },
      { events: [ev(4), ev(3), ev(2), ev(1)], nextCursor: null },
    ];
    let call = 0;
    const listAudit = async () => {
      if (call === pages.length) throw new Error("stop");
      return pages[call++]!;
    };
    const r = await harness({ env: {}, backend: { listAudit } })("audit", "--follow", "--json");
    expect(
      r.out
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as { id: number }).id),
    ).toEqual([1, 2, 3, 4]);
    expect(r.err).toBe("branchdesk audit: stop\n");
  });
});
