import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Lab } from "@/e2e/lab/lab";
import type { StartRolloutInput } from "@/lib/domain/rollouts/rollout-input";
import type { BoxRef, TerminalPath, TerminalServerMessage } from "@/lib/domain/terminal/terminal-protocol";
import { getRollout } from "@/lib/server/rollouts/get-rollout";
import { startRollout } from "@/lib/server/rollouts/start-rollout";
import { enrolledDb, type RolloutBench } from "@/lib/testing/rollout-bench";
import { endAllTerminals, type LiveTerminal } from "./live-terminals";
import { openTerminal } from "./open-terminal";

vi.mock("server-only", () => ({}));

/**
 * The terminal's paths on a real branch (namespaces, real sshd and netfilter;
 * hosts take SSH from link-local sources only): a host's support path goes
 * through the rules Branchdesk pushed and the gateway's SNAT; with the host's
 * rules gone it fails and the gateway path still works.
 */
let lab: Lab;
let bench: RolloutBench;
let dataDir: string;
const OPERATOR = { userId: null, username: "tess", role: "operator" as const };

type Session = { messages: TerminalServerMessage[]; output(): string; closed: Promise<void> };

async function open(box: BoxRef, path?: TerminalPath): Promise<{ s: Session; live: LiveTerminal | null }> {
  const messages: TerminalServerMessage[] = [];
  const chunks: Buffer[] = [];
  let close = () => {};
  const closed = new Promise<void>((r) => (close = r));
  const live = await openTerminal({
    actor: OPERATOR,
    authSessionId: null,
    client: "cli",
    box,
    path,
    cols: 100,
    rows: 30,
    sink: { output: (c) => chunks.push(c), control: (m) => messages.push(m), close },
  });
  return { s: { messages, output: () => Buffer.concat(chunks).toString("utf8"), closed }, live };
}

async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "bd-terminal-lab-"));
  vi.stubEnv("BRANCHDESK_DATA_DIR", dataDir);
  lab = await Lab.up({ branches: 1, hostsPerBranch: 2 });
  bench = await enrolledDb(lab);
  const { id, done } = await startRollout(OPERATOR, {
    branchCodes: [lab.inventory.branches[0]!.code] as StartRolloutInput["branchCodes"],
    dryRun: false,
    concurrency: 4,
    canary: false,
    failureBudget: 1,
  });
  await done;
  expect((await getRollout(id)).rollout.status).toBe("succeeded");
}, 300_000);
afterAll(async () => {
  await endAllTerminals("server-stopped", "test over");
  await bench?.t.drop();
  await lab?.down();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("terminal paths on a lab branch", () => {
  const hostRef = async (i: number): Promise<BoxRef> => {
    const h = lab.inventory.branches[0]!.hosts[i]!;
    const row = await bench.t.db.host.findUniqueOrThrow({ where: { hostname: h.hostname } });
    return { kind: "host", id: row.id };
  };

  it("a host's support path lands on the host's sshd, from the gateway's link-local address", async () => {
    const b = lab.inventory.branches[0]!;
    const h = b.hosts[0]!;
    const { s, live } = await open(await hostRef(0));
    expect(live, JSON.stringify(s.messages)).not.toBeNull();
    expect(s.messages.find((m) => m.type === "opened")).toMatchObject({
      path: "support",
      route: expect.stringContaining(`${h.guest.ip}:22`),
      hostKey: h.hostKeyFingerprint,
    });
    live!.input("hostname; echo conn=$SSH_CONNECTION\r");
    await until("hostname and SSH_CONNECTION", () => /conn=\S+ \d+ \S+ 22/.test(s.output()));
    expect(s.output()).toContain(h.hostname);
    // The source the host saw is the gateway's link-local address: the gateway's SNAT did its job.
    expect(/conn=(\S+) \d+ (\S+) 22/.exec(s.output())?.[1]).toBe(b.gateway.linkLocalIp);
    live!.input("exit\r");
    await s.closed;
    const row = await bench.t.db.host.findUniqueOrThrow({ where: { hostname: h.hostname } });
    expect(row.hostPublicKey).toMatch(/^ssh-ed25519 AAAA/); // seen, verified, kept for known_hosts
  });

  it("rules flushed: the support path fails with a reason and offers the gateway path, which works", async () => {
    const h = lab.inventory.branches[0]!.hosts[1]!;
    await lab.exec(h.hostname, ["iptables", "-t", "nat", "-F"]);
    await lab.exec(h.hostname, ["ebtables", "-t", "nat", "-F"]);
    const ref = await hostRef(1);
    const first = await open(ref);
    expect(first.live).toBeNull();
    const refused = first.s.messages.find((m) => m.type === "refused");
    expect(refused).toMatchObject({ path: "support", alternative: "gateway" });
    expect(["refused", "timeout", "unreachable"]).toContain(refused?.type === "refused" && refused.failure.kind);
    const { s, live } = await open(ref, "gateway");
    expect(s.messages.find((m) => m.type === "opened")).toMatchObject({
      path: "gateway",
      route: expect.stringContaining(`${h.linkLocalIp}:22 via ${lab.inventory.branches[0]!.gateway.hostname}`),
    });
    live!.input("hostname\r");
    await until("the host's name", () => s.output().includes(h.hostname));
    await live!.end("user", "done");
    const audit = await bench.t.db.auditEvent.findMany({
      where: { action: { in: ["terminal.refused", "terminal.open"] }, entityId: String(ref.id) },
    });
    expect(audit.map((a) => a.action).sort()).toEqual(["terminal.open", "terminal.refused"]);
  });

  it("a gateway opens directly on its pinned key", async () => {
    const gw = lab.inventory.branches[0]!.gateway;
    const row = await bench.t.db.gateway.findUniqueOrThrow({ where: { hostname: gw.hostname } });
    const { s, live } = await open({ kind: "gateway", id: row.id });
    expect(s.messages.find((m) => m.type === "opened")).toMatchObject({
      path: "direct",
      hostKey: gw.hostKeyFingerprint,
    });
    live!.input("hostname\r");
    await until("the gateway's name", () => s.output().includes(gw.hostname));
    await live!.end("user", "done");
  });
});
