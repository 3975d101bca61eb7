import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { LabBranch } from "@/e2e/lab/inventory";
import { Lab } from "@/e2e/lab/lab";
import type { BranchDiscoveryResponse } from "@/lib/domain/discovery/discovery-views";
import { AppError } from "@/lib/server/errors/app-error";
import { enrolledSubsetDb, type RolloutBench } from "@/lib/testing/rollout-bench";
import { discoverBranch } from "./discover-branch";

vi.mock("server-only", () => ({}));

// One branch of 4 hosts; h02 and h04 are left out of the inventory: boxes on the LAN nobody enrolled.
let lab: Lab;
let bench: RolloutBench;
let b: LabBranch;
const MISSING = new Set(["br-0001-h02", "br-0001-h04"]);
// An enrolled guest giving itself an RFC 3927 address (a Windows guest without DHCP): its MAC is known.
const APIPA = "169.254.1.200";

beforeAll(async () => {
  lab = await Lab.up({ branches: 1, hostsPerBranch: 4 });
  b = lab.inventory.branches[0]!;
  bench = await enrolledSubsetDb(lab, (h) => !MISSING.has(h.hostname));
}, 300_000);
afterAll(async () => {
  await bench?.t.drop();
  await lab?.down();
});

const discover = () =>
  bench.api("POST", "/api/v1/branches/{code}/discover", { token: bench.operator, params: { code: b.code } });
/** The link-local addresses in the gateway's neighbour table (any state). */
const gatewayNeighbours = async () => {
  const out = await lab.exec(b.gateway.hostname, ["ip", "-4", "neigh", "show", "dev", b.gateway.lanIfname]);
  return out.stdout
    .split("\n")
    .map((l) => l.split(" ")[0]!)
    .filter((ip) => ip.startsWith("169.254."))
    .sort();
};
const discoveries = () => bench.t.db.auditEvent.count({ where: { action: "branch.discover" } });

describe("discovery through the gateway (issue 11)", () => {
  it("a gateway presenting another key than its pin is refused: nothing is swept, nothing audited", async () => {
    const gw = await bench.t.db.gateway.findFirstOrThrow();
    const other = b.hosts[0]!.hostKeyFingerprint;
    const before = await gatewayNeighbours();
    await bench.t.db.gateway.update({ where: { id: gw.id }, data: { hostKeyFingerprint: other } });
    try {
      const res = await discover();
      expect(res.status, JSON.stringify(res.json)).toBe(409);
      expect(res.json!.error.message).toContain(`expected ${other}, got ${b.gateway.hostKeyFingerprint}`);
      // A sweep would have left an entry (REACHABLE or FAILED) for each of its ~250 addresses.
      expect(await gatewayNeighbours()).toEqual(before);
      expect(await discoveries()).toBe(0);
    } finally {
      await bench.t.db.gateway.update({ where: { id: gw.id }, data: { hostKeyFingerprint: gw.hostKeyFingerprint } });
    }
  });

  it("a gateway whose sshd is down: 503 naming the gateway, nothing audited", async () => {
    await lab.stopSshd(b.gateway.hostname);
    try {
      const res = await discover();
      expect(res.status, JSON.stringify(res.json)).toBe(503);
      expect(res.json!.error.message).toMatch(/^discovery failed: .*gateway br-0001-gw/);
      expect(await discoveries()).toBe(0);
    } finally {
      await lab.startSshd(b.gateway.hostname);
    }
  });

  it("the whole discovery is bounded: past its time budget the sweep is killed and the answer says so", async () => {
    const operator = { userId: null, username: "olivia", role: "operator" as const };
    const slow = discoverBranch(operator, b.code, { timeoutMs: 3_000, settleSeconds: 8 });
    const error = await slow.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("unavailable");
    expect((error as AppError).message).toMatch(/discovery sweep .* did not finish within \d+ ms; it was killed/);
    expect(await discoveries()).toBe(0);
  });

  it("finds exactly the lab boxes missing from the inventory, with their NIC MACs and host keys", async () => {
    const guest = b.hosts[0]!.guest; // enrolled
    await lab.exec(guest.name, ["ip", "addr", "add", `${APIPA}/16`, "dev", guest.ifname]);
    // A static entry someone configured on the gateway: never deleted, never "found".
    const lan = b.gateway.lanIfname;
    const stat = ["169.254.1.250", "lladdr", "02:00:5e:00:01:fa", "dev", lan, "nud", "permanent"];
    await lab.exec(b.gateway.hostname, ["ip", "neigh", "replace", ...stat]);
    // The missing boxes' entries are old (STALE): `use` alone would leave them in DELAY, and them unfound.
    for (const h of b.hosts.filter((x) => MISSING.has(x.hostname))) {
      const entry = [h.linkLocalIp, "lladdr", h.nicMac, "dev", lan, "nud", "stale"];
      await lab.exec(b.gateway.hostname, ["ip", "neigh", "replace", ...entry]);
    }
    const res = await discover();
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const body = res.json as BranchDiscoveryResponse;
    const expected = b.hosts
      .filter((h) => MISSING.has(h.hostname))
      .map((h) => ({ linkLocalIp: h.linkLocalIp, mac: h.nicMac, fingerprint: h.hostKeyFingerprint }));
    expect(body.found).toEqual(expected);
    expect(body.range).toEqual({ first: "169.254.1.0", last: "169.254.1.255" });
    // 256 minus the gateway's, the two enrolled hosts' and the static entry's addresses.
    expect(body.swept).toBe(252);
    // The guest did answer: the inventory (its MAC), not the network, kept it out.
    const table = await lab.exec(b.gateway.hostname, ["ip", "-4", "neigh", "show", APIPA, "dev", lan]);
    expect(table.stdout).toContain(`lladdr ${guest.mac} REACHABLE`);
    const kept = await lab.exec(b.gateway.hostname, ["ip", "-4", "neigh", "show", "169.254.1.250", "dev", lan]);
    expect(kept.stdout).toContain("lladdr 02:00:5e:00:01:fa PERMANENT");
    expect(await discoveries()).toBe(1);
    console.log(
      `discovery on the lab: ${body.swept} addresses swept, ${body.found.length} found, ${body.durationMs} ms`,
    );
  });

  it("enrolling a found box pins its key only if a second scan shows the same key; then it is not found", async () => {
    const h = b.hosts.find((x) => x.hostname === "br-0001-h02")!;
    const found = ((await discover()).json as BranchDiscoveryResponse).found.find((f) => f.mac === h.nicMac)!;
    const create = await bench.api("POST", "/api/v1/branches/{code}/hosts", {
      token: bench.admin,
      params: { code: b.code },
      body: {
        hostname: h.hostname,
        serial: `LAB-${h.hostname}`,
        nicMac: found.mac,
        linkLocalIp: found.linkLocalIp,
        guest: { name: h.guest.name, domain: h.guest.domain, mac: h.guest.mac, ip: h.guest.ip },
      },
    });
    expect(create.status, JSON.stringify(create.json)).toBe(201);
    const id = String(create.json!.host.id);
    const trust = (expect: string) =>
      bench.api("POST", "/api/v1/hosts/{id}/host-key", { token: bench.operator, params: { id }, body: { expect } });
    const wrong = await trust(b.hosts[0]!.hostKeyFingerprint);
    expect(wrong.status).toBe(409);
    const pinned = async () =>
      (await bench.t.db.host.findUniqueOrThrow({ where: { id: Number(id) } })).hostKeyFingerprint;
    expect(await pinned()).toBeNull();
    const right = await trust(found.fingerprint!);
    expect(right.status, JSON.stringify(right.json)).toBe(200);
    expect(await pinned()).toBe(h.hostKeyFingerprint);
    const again = (await discover()).json as BranchDiscoveryResponse;
    expect(again.found.map((f) => f.linkLocalIp)).toEqual([
      b.hosts.find((x) => x.hostname === "br-0001-h04")!.linkLocalIp,
    ]);
  });
});
