import { afterAll, beforeAll, expect, it } from "vitest";
import { ZCreateBranchInput, ZUpdateBranchInput } from "@/lib/domain/inventory/branch-input";
import type { Actor } from "@/lib/server/auth/actor";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { branchInput, makeBranch, makeGateway, makeHost } from "@/prisma/seed/factories";
import { auditedIn, rowCounts } from "@/prisma/seed/row-counts";
import { createBranch } from "./create-branch";
import { deleteBranch } from "./delete-branch";
import { getBranch } from "./get-branch";
import { listBranches } from "./list-branches";
import { updateBranch } from "./update-branch";

const alice: Actor = { userId: 1, username: "alice", role: "admin" };

describeEachDb("branch services", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
  });
  afterAll(async () => t.drop());

  const audited = (mutation: () => Promise<unknown>) => auditedIn(t.db, mutation);

  it("creating a branch writes it and exactly one audit event with the actor and the new record", async () => {
    const input = ZCreateBranchInput.parse(branchInput({ code: "br-0042", lanCidr: "198.51.100.0/24" }));
    const events = await audited(() => createBranch(alice, input));
    const row = await t.db.branch.findUniqueOrThrow({ where: { code: "BR-0042" } });
    expect(row).toMatchObject({
      lanCidr: "198.51.100.0/24",
      linkLocalPool: "169.254.0.0/16",
      gatewayLinkLocalIp: "169.254.1.1",
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: "alice",
      action: "branch.create",
      entityType: "branch",
      entityId: "BR-0042",
      before: null,
      after: { code: "BR-0042", lanCidr: "198.51.100.0/24" },
    });
  });

  it("a bad or duplicate branch is refused with every field problem, and nothing is written", async () => {
    const before = await rowCounts(t.db);
    const input = ZCreateBranchInput.parse(
      branchInput({
        code: "BR-0042",
        lanCidr: "169.254.0.0/24",
        linkLocalPool: "169.254.8.0/24",
        gatewayLinkLocalIp: "169.254.9.1",
      }),
    );
    const error = await createBranch(alice, input).catch((e) => e);
    expect(error).toMatchObject({ code: "validation" });
    expect(Object.keys(error.fields).sort()).toEqual(["code", "gatewayLinkLocalIp", "lanCidr"]);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it(
    "changing the LAN or the pool must not strand guests, hosts or the gateway; " + "a refused change writes nothing",
    async () => {
      const branch = await makeBranch({ lanCidr: "203.0.113.0/24" }, t.db);
      await makeGateway(branch, { lanIp: "203.0.113.1" }, t.db);
      await makeHost(branch, { linkLocalIp: "169.254.7.7", guest: { ip: "203.0.113.77" } }, t.db);
      const before = await rowCounts(t.db);
      const change = ZUpdateBranchInput.parse({ lanCidr: "203.0.113.128/25", linkLocalPool: "169.254.1.0/24" });
      const error = await updateBranch(alice, branch.code, change).catch((e) => e);
      expect(error.fields.lanCidr.join(" ")).toMatch(/203\.0\.113\.77.*outside 203\.0\.113\.128\/25/);
      expect(error.fields.lanCidr.join(" ")).toMatch(/gateway's LAN address 203\.0\.113\.1/);
      expect(error.fields.linkLocalPool.join(" ")).toMatch(/169\.254\.7\.7.*outside 169\.254\.1\.0\/24/);
      expect(await rowCounts(t.db)).toEqual(before);
      expect(await t.db.branch.findUniqueOrThrow({ where: { id: branch.id } })).toMatchObject({
        lanCidr: "203.0.113.0/24",
      });
    },
  );

  it(
    "a LAN overlapping another branch's LAN is refused on create and on update, " +
      "naming that branch; nothing is written",
    async () => {
      const lyon = await makeBranch({ code: "LYON-01", name: "Lyon", lanCidr: "192.0.2.0/25" }, t.db);
      const before = await rowCounts(t.db);
      const error = await createBranch(alice, ZCreateBranchInput.parse(branchInput({ lanCidr: "192.0.2.0/24" }))).catch(
        (e) => e,
      );
      expect(error).toMatchObject({ code: "validation" });
      expect(error.fields.lanCidr).toEqual([
        "192.0.2.0/24 overlaps the LAN 192.0.2.0/25 of branch LYON-01 (Lyon); every branch needs its own",
      ]);
      const other = await makeBranch({ lanCidr: "192.0.2.128/25" }, t.db);
      const counts = await rowCounts(t.db);
      const moved = await updateBranch(alice, other.code, ZUpdateBranchInput.parse({ lanCidr: "192.0.2.0/26" })).catch(
        (e) => e,
      );
      expect(moved.fields.lanCidr.join()).toContain("overlaps the LAN 192.0.2.0/25 of branch LYON-01");
      expect(await rowCounts(t.db)).toEqual(counts);
      expect(counts).toEqual({ ...before, branches: before.branches + 1 });
      expect(
        (await updateBranch(alice, lyon.code, ZUpdateBranchInput.parse({ lanCidr: "192.0.2.0/26" }))).branch.lanCidr,
      ).toBe("192.0.2.0/26");
    },
  );

  it("an accepted change is audited with before and after", async () => {
    const branch = await makeBranch({}, t.db);
    const events = await audited(() =>
      updateBranch(
        alice,
        branch.code.toLowerCase(),
        ZUpdateBranchInput.parse({ name: "Renamed", linkLocalPool: "169.254.0.0/17" }),
      ),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "branch.update",
      entityId: branch.code,
      before: { name: branch.name, linkLocalPool: "169.254.0.0/16" },
      after: { name: "Renamed", linkLocalPool: "169.254.0.0/17" },
    });
  });

  it("deleting a branch that still has hosts is refused with a clear message, deleting nothing", async () => {
    const branch = await makeBranch({}, t.db);
    for (let i = 0; i < 3; i++) await makeHost(branch, {}, t.db);
    const before = await rowCounts(t.db);
    await expect(deleteBranch(alice, branch.code)).rejects.toMatchObject({
      code: "conflict",
      message: `branch ${branch.code} still has 3 hosts; delete them first`,
    });
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("deleting a branch that still has its gateway is refused", async () => {
    const branch = await makeBranch({}, t.db);
    const gateway = await makeGateway(branch, {}, t.db);
    await expect(deleteBranch(alice, branch.code)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining(`still has its gateway ${gateway.hostname}`),
    });
    expect(await t.db.branch.count({ where: { id: branch.id } })).toBe(1);
  });

  it("deleting an empty branch removes it and audits the old record; a missing branch is 404", async () => {
    const branch = await makeBranch({}, t.db);
    const events = await audited(() => deleteBranch(alice, branch.code));
    expect(events).toMatchObject([
      { action: "branch.delete", entityId: branch.code, before: { code: branch.code }, after: null },
    ]);
    expect(await t.db.branch.count({ where: { id: branch.id } })).toBe(0);
    await expect(deleteBranch(alice, branch.code)).rejects.toMatchObject({ code: "not_found" });
    await expect(getBranch("not-a-code")).rejects.toMatchObject({ code: "not_found" });
  });

  it("lists branches with host counts and gateways, filtered and sorted", async () => {
    const east = await makeBranch({ region: "Far East", name: "Zeta" }, t.db);
    await makeHost(east, {}, t.db);
    await makeHost(east, {}, t.db);
    await makeGateway(east, {}, t.db);
    const all = await listBranches({ sort: "hostCount", dir: "desc" });
    expect(all[0]).toMatchObject({ code: expect.any(String), hostCount: 3 });
    expect(all.map((b) => b.hostCount)).toEqual([...all.map((b) => b.hostCount)].sort((a, b) => b - a));
    const filtered = await listBranches({ q: "far east", sort: "code", dir: "asc" });
    expect(filtered).toEqual([
      expect.objectContaining({
        code: east.code,
        hostCount: 2,
        gateway: expect.objectContaining({ lanIp: expect.any(String) }),
      }),
    ]);
    expect(await listBranches({ region: "Far East", sort: "name", dir: "asc" })).toHaveLength(1);
    const byName = (await listBranches({ sort: "name", dir: "asc" })).map((b) => b.name);
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, "en", { numeric: true })));
  });

  it("getBranch returns the gateway and every host with its guest", async () => {
    const branch = await makeBranch({}, t.db);
    await makeGateway(branch, {}, t.db);
    const host = await makeHost(branch, {}, t.db);
    const detail = await getBranch(branch.code);
    expect(detail.branch.gateway).not.toBeNull();
    expect(detail.hosts).toEqual([
      expect.objectContaining({
        id: host.id,
        branchCode: branch.code,
        guest: expect.objectContaining({ ip: host.guest!.ip }),
      }),
    ]);
  });
});
