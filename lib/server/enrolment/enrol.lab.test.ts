import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { nextRequest } from "@/app/api/v1/_testing/route-kit";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { boxDir } from "@/e2e/lab/boxes";
import { Lab } from "@/e2e/lab/lab";
import type { LabHost } from "@/e2e/lab/inventory";
import { hostKeyPath } from "@/e2e/lab/sshd";
import { ZCreateEnrolmentTokenInput } from "@/lib/domain/enrolment/enrolment-input";
import { ZRetireHostInput } from "@/lib/domain/hardware/hardware-input";
import { ZStartRolloutInput } from "@/lib/domain/rollouts/rollout-input";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import { SSH_PORT } from "@/lib/domain/values/port";
import { probeSshHostKey } from "@/lib/ssh/probe-ssh-host-key";
import type { Actor } from "@/lib/server/auth/actor";
import { retireHost } from "@/lib/server/hardware/retire-host";
import { getRollout } from "@/lib/server/rollouts/get-rollout";
import { startRollout } from "@/lib/server/rollouts/start-rollout";
import { enrolledSubsetDb, type RolloutBench } from "@/lib/testing/rollout-bench";
import { createEnrolmentToken } from "./create-enrolment-token";

vi.mock("server-only", () => ({}));

// Two branches of two hosts; the second host of each branch is NOT in the inventory: a new box.
let lab: Lab;
let bench: RolloutBench;
let server: Server;
let origin: string;
let scratch: string;
const admin: Actor = { userId: null, username: "alice", role: "admin" };
const operator: Actor = { userId: null, username: "olivia", role: "operator" };
const isNew = (h: LabHost) => h.hostname.endsWith("-h02");
const probe = (ip: string) => probeSshHostKey(ip as Ipv4, SSH_PORT, 5_000);

/**
 * The dashboard as the box sees it: a node:http server on the root namespace's
 * lab address (reached from the box through its gateway's SNAT), in front of
 * the real route handlers for GET /enrol/<token> and POST /api/v1/enrol.
 */
async function serveDashboard(ip: string): Promise<Server> {
  const script = await import("@/app/enrol/[token]/route");
  const enrol = await import("@/app/api/v1/enrol/route");
  const s = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const url = `http://${req.headers.host}${req.url}`;
        const headers = new Headers(Object.entries(req.headers).map(([k, v]): [string, string] => [k, String(v)]));
        const body = req.method === "POST" ? Buffer.concat(chunks) : undefined;
        const nextReq = nextRequest(url, { method: req.method, headers, body });
        const token = /^\/enrol\/([^/]+)$/.exec(req.url ?? "")?.[1];
        const answer =
          req.method === "GET" && token
            ? await script.GET(nextReq, { params: Promise.resolve({ token }) })
            : req.method === "POST" && req.url === "/api/v1/enrol"
              ? await enrol.POST(nextReq, { params: Promise.resolve({}) })
              : new Response("not here", { status: 404 });
        res.writeHead(answer.status, Object.fromEntries(answer.headers));
        res.end(Buffer.from(await answer.arrayBuffer()));
      })().catch((e: unknown) => {
        res.writeHead(500);
        res.end(String(e));
      });
    });
  });
  await new Promise<void>((resolve) => s.listen(0, ip, resolve));
  return s;
}

/** The one-liner, run as root inside the box; DMI and the key file moved where the lab keeps them. */
async function runOneLiner(h: LabHost, secret: string, serial: string) {
  const dmi = path.join(scratch, h.hostname, "dmi");
  const root = path.join(scratch, h.hostname, "root");
  await mkdir(dmi, { recursive: true });
  await mkdir(root, { recursive: true });
  await writeFile(path.join(dmi, "product_serial"), `${serial}\n`);
  const env = [
    `BRANCHDESK_ENROL_DMI=${dmi}`,
    `BRANCHDESK_ENROL_ROOT=${root}`,
    `BRANCHDESK_ENROL_HOST_KEY=${hostKeyPath(boxDir(lab.inventory.runDir, h.netns))}.pub`,
  ].join(" ");
  const line = `curl -fsS ${origin}/enrol/${secret} | ${env} sh`;
  return { run: await lab.exec(h.hostname, ["sh", "-c", line], { allowFailure: true, timeoutMs: 90_000 }), root };
}

beforeAll(async () => {
  lab = await Lab.up({ branches: 2, hostsPerBranch: 2 });
  bench = await enrolledSubsetDb(lab, (h) => !isNew(h));
  server = await serveDashboard(lab.inventory.hq.rootIp);
  origin = `http://${lab.inventory.hq.rootIp}:${(server.address() as AddressInfo).port}`;
  scratch = await mkdtemp(path.join(tmpdir(), "bd-enrol-lab-"));
  // The branches as they are before a new box arrives: their rules applied. The gateway's
  // "snat-from-pool" rule is what lets a box on link-local only reach head office at all.
  const first = await startRollout(
    operator,
    ZStartRolloutInput.parse({ branchCodes: lab.inventory.branches.map((b) => b.code) }),
  );
  await first.done;
  expect((await getRollout(first.id)).rollout.status).toBe("succeeded");
}, 300_000);
afterAll(async () => {
  server?.close();
  await bench?.t.drop();
  await lab?.down();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

it(
  "a token of another branch: the connect-back through that branch's gateway meets another key, refused",
  {
    timeout: 180_000,
  },
  async () => {
    const [b1, b2] = lab.inventory.branches;
    const box = b1!.hosts.find(isNew)!;
    const token = await createEnrolmentToken(admin, b2!.code, ZCreateEnrolmentTokenInput.parse({}), origin);
    const { run } = await runOneLiner(box, token.secret, "LAB-WRONG-1");
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/refusing to pin it/);
    expect(await bench.t.db.host.count({ where: { serial: "LAB-WRONG-1" } })).toBe(0);
    const refused = await bench.t.db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(refused.action).toBe("branch.enrolment-refused");
  },
);

it(
  "a lab box not in the inventory runs the one-liner: enrolled with its serial, MAC and pinned key; " +
    "a rollout then makes its support path work; retiring it removes the path again",
  async () => {
    const branch = lab.inventory.branches[0]!;
    const box = branch.hosts.find(isNew)!;
    expect(await bench.t.db.host.count({ where: { hostname: box.hostname } })).toBe(0);
    expect((await probe(box.guest.ip)).ok).toBe(false);
    const input = ZCreateEnrolmentTokenInput.parse({
      expectedSerial: "LAB-ENROL-1",
      guestIp: box.guest.ip,
      installFleetKey: true,
    });
    const token = await createEnrolmentToken(admin, branch.code, input, origin);

    const { run, root } = await runOneLiner(box, token.secret, "LAB-ENROL-1");
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toMatch(/"keyCheck":"verified"/);
    const host = await bench.t.db.host.findUniqueOrThrow({
      where: { hostname: box.hostname },
      include: { guest: true },
    });
    expect(host).toMatchObject({
      serial: "LAB-ENROL-1",
      nicMac: box.nicMac,
      bridge: box.bridge,
      linkLocalIp: box.linkLocalIp,
      state: "enrolled",
      hostKeyFingerprint: box.hostKeyFingerprint,
      hostKeyUnverified: null,
    });
    expect(host.guest).toMatchObject({ ip: box.guest.ip, mac: box.guest.mac, domain: box.guest.domain });
    const fleetPub = (await readFile(`${lab.inventory.ssh.publicKeyPath}`, "utf8")).split(" ").slice(0, 2).join(" ");
    expect(await readFile(path.join(root, "root/.ssh/authorized_keys"), "utf8")).toContain(fleetPub);

    // The token is used up: the same one-liner again is refused at the script already.
    const again = await runOneLiner(box, token.secret, "LAB-ENROL-1");
    expect(again.run.code).toBe(1);
    expect(again.run.stderr).toMatch(/branchdesk enrol: this enrolment token was already used by host/);

    const started = await startRollout(operator, ZStartRolloutInput.parse({ branchCodes: [branch.code] }));
    await started.done;
    const r = await getRollout(started.id);
    expect(r.rollout.status).toBe("succeeded");
    const target = r.targets.find((t) => t.label.startsWith(`host ${box.hostname} `));
    expect([target?.status, target?.error]).toEqual(["succeeded", null]);
    const seen = await probe(box.guest.ip);
    expect(seen.ok ? seen.value : seen.error.message).toBe(box.hostKeyFingerprint);

    // Retire: the branch rollout leaves the retired host out, so the gateway's rules for it go.
    const gatewayNat = async () => (await lab.exec(branch.gateway.hostname, ["iptables", "-t", "nat", "-S"])).stdout;
    expect(await gatewayNat()).toContain(`-d ${box.guest.ip}/32`);
    let done: Promise<void> = Promise.resolve();
    const start = async (a: Actor, code: string) => {
      const s = await startRollout(a, ZStartRolloutInput.parse({ branchCodes: [code] }));
      done = s.done;
      return s;
    };
    const retired = await retireHost(admin, host.id, ZRetireHostInput.parse({}), { start });
    expect(retired.rollout).not.toBeNull();
    await done;
    expect((await getRollout(retired.rollout!.id)).rollout.status).toBe("succeeded");
    // The gateway no longer SNATs the guest's SSH to its link-local address: the support path is gone.
    // (Probing the guest IP would still show the host's key: the host's own redirect is untouched, and
    // its sshd hands out its key before refusing a source that is not link-local.)
    expect(await gatewayNat()).not.toContain(box.guest.ip);
  },
  240_000,
);
