/**
 * Test support for rollouts on the lab: a migrated SQLite database with the
 * lab enrolled through the real /api/v1 route handlers, an operator session,
 * and helpers to read a box's netfilter state. Only *.lab.test.ts use it.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { enrolLab } from "@/e2e/lab/enrol-lab";
import type { LabHost, LabInventory } from "@/e2e/lab/inventory";
import type { Lab } from "@/e2e/lab/lab";
import { signIn } from "@/lib/server/auth/sign-in";
import { createTestDb, installTestDb, type TestDb, type TestProvider } from "@/lib/testing/test-db";
import { makeUser } from "@/prisma/seed/factories";
import { loadRouteFiles, router } from "@/app/api/v1/_testing/route-kit";

export type RolloutBench = { t: TestDb; api: ReturnType<typeof router>; operator: string; admin: string };

export async function enrolledDb(lab: Lab, provider: TestProvider = "sqlite"): Promise<RolloutBench> {
  return enrolInventory(lab.inventory, provider);
}

/**
 * As enrolledDb, but only the hosts `keep` accepts are enrolled (every branch and gateway is): the
 * others are boxes on the branch LAN that the inventory does not know (discovery, issue 11).
 */
export async function enrolledSubsetDb(
  lab: Lab,
  keep: (host: LabHost) => boolean,
  provider: TestProvider = "sqlite",
): Promise<RolloutBench> {
  const branches = lab.inventory.branches.map((b) => ({ ...b, hosts: b.hosts.filter(keep) }));
  return enrolInventory({ ...lab.inventory, branches }, provider);
}

async function enrolInventory(inventory: LabInventory, provider: TestProvider): Promise<RolloutBench> {
  const t = await createTestDb(provider);
  installTestDb(t);
  process.env.BRANCHDESK_SSH_KEY = inventory.ssh.privateKeyPath;
  const api = router(await loadRouteFiles());
  const password = "lab test password";
  const [a, o] = [await makeUser("admin", { password }, t.db), await makeUser("operator", { password }, t.db)];
  const admin = (await signIn({ username: a.username, password }, "198.51.100.80")).token;
  const operator = (await signIn({ username: o.username, password }, "198.51.100.80")).token;
  await enrolLab(inventory, async (req) => {
    const token = req.path.endsWith("/host-key") ? operator : admin;
    const res = await api(req.method, apiPathOf(req.path), { token, body: req.body, params: paramsOf(req.path) });
    expect(res.status, `${req.method} ${req.path}: ${JSON.stringify(res.json)}`).toBe(req.expect);
    return res.json;
  });
  return { t, api, operator, admin };
}

/** "/api/v1/branches/BR-0001/gateway" -> the route's OpenAPI path and its params. */
function apiPathOf(p: string): string {
  return p
    .replace(/^\/api\/v1\/branches\/[^/]+/, "/api/v1/branches/{code}")
    .replace(/^\/api\/v1\/hosts\/\d+/, "/api/v1/hosts/{id}");
}
function paramsOf(p: string): Record<string, string> {
  const code = /^\/api\/v1\/branches\/([^/]+)/.exec(p)?.[1];
  const id = /^\/api\/v1\/hosts\/(\d+)/.exec(p)?.[1];
  return { ...(code && { code }), ...(id && { id }) };
}

/** `iptables-save -t nat` minus the comment/counter lines that change by themselves. */
export async function natState(lab: Lab, box: string): Promise<string> {
  const ipt = await lab.exec(box, ["iptables-save", "-t", "nat"]);
  const eb = await lab.exec(box, ["ebtables-save", "-t", "nat"], { allowFailure: true });
  return [ipt.stdout, eb.stdout]
    .join("\n--- ebtables ---\n")
    .split("\n")
    .filter((l) => !l.startsWith("#"))
    .join("\n");
}

/** Writes a file a failing test leaves behind for a human (the rollout's targets). */
export function dump(name: string, data: unknown): void {
  writeFileSync(path.join("/tmp", `branchdesk-${name}.json`), JSON.stringify(data, null, 2));
}
