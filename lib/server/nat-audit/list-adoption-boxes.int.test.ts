import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeBranch, makeGateway, makeHost } from "@/prisma/seed/factories";
import { natRule, seedNatAudit } from "@/prisma/seed/nat-audits";
import { listAdoptionBoxes } from "./list-adoption-boxes";
import { planNatAdoption } from "./plan-nat-adoption";

vi.mock("server-only", () => ({}));

const AT = new Date("2026-11-30T12:00:00Z");

describeEachDb("a branch's adoption boxes: audited ones are planned together, the others named", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
  });
  afterAll(async () => t?.drop());

  it("plans the gateway and an audited host in one plan; names unaudited, failed and rule-less boxes", async () => {
    const branch = await makeBranch({ gatewayLinkLocalIp: "169.254.0.1" }, t.db);
    const gw = await makeGateway(branch, {}, t.db);
    const handMade = await makeHost(branch, { hostname: "a-handmade" }, t.db);
    const clean = await makeHost(branch, { hostname: "b-clean" }, t.db);
    await makeHost(branch, { hostname: "c-unaudited", guest: false }, t.db);
    const failed = await makeHost(branch, { hostname: "d-failed" }, t.db);
    const ruleless = await makeHost(branch, { hostname: "e-bad-bridge", bridge: "not a bridge!" }, t.db);
    await makeHost(branch, { hostname: "f-retired", state: "retired" }, t.db);
    const other = await makeBranch({}, t.db);
    const otherGw = await makeGateway(other, {}, t.db);

    const guestIp = handMade.guest!.ip;
    const snat = `-A POSTROUTING -d ${guestIp}/32 -o eth1 -p tcp -m tcp --dport 22 -j SNAT --to-source 169.254.0.1`;
    const redirect = `-A PREROUTING -d ${guestIp}/32 -i virbr0 -p tcp -m tcp --dport 22 -j REDIRECT`;
    const seed = (box: string, boxName: string, text: string[], over: { status?: "failed"; at?: Date } = {}) =>
      seedNatAudit(t.db, {
        box,
        boxName,
        branchCode: branch.code,
        at: over.at ?? AT,
        status: over.status,
        error: over.status ? "ssh: connection refused" : undefined,
        rules: text.map((x) => natRule({ text: x, class: "hand-made-equivalent" })),
      });
    await seed(`gateway:${gw.id}`, gw.hostname, [`[5:300] ${snat}`, `[0:0] ${snat}`]);
    await seed(`host:${handMade.id}`, handMade.hostname, [`[8:480] ${redirect}`]);
    await seedNatAudit(t.db, {
      box: `host:${clean.id}`,
      boxName: clean.hostname,
      branchCode: branch.code,
      at: AT,
      rules: [natRule({ text: "[1:60] -A PREROUTING -s 172.17.0.0/16 -j ACCEPT", class: "foreign" })],
    });
    await seed(`host:${failed.id}`, failed.hostname, [`[8:480] ${redirect}`], { at: new Date(AT.getTime() - 1) });
    await seed(`host:${failed.id}`, failed.hostname, [], { status: "failed" });
    await seed(`host:${ruleless.id}`, ruleless.hostname, []);
    await seedNatAudit(t.db, {
      box: `gateway:${otherGw.id}`,
      boxName: otherGw.hostname,
      branchCode: other.code,
      at: AT,
      rules: [],
    });

    const { boxes, skipped } = await listAdoptionBoxes(branch.code, t.db);
    expect(boxes).toEqual([
      { box: `gateway:${gw.id}`, name: gw.hostname, kind: "gateway", handMade: 2 },
      { box: `host:${handMade.id}`, name: "a-handmade", kind: "host", handMade: 1 },
      { box: `host:${clean.id}`, name: "b-clean", kind: "host", handMade: 0 },
    ]);
    expect(skipped.map((s) => [s.name, s.reason])).toEqual([
      ["c-unaudited", "no NAT audit yet: audit it first"],
      ["d-failed", "its latest NAT audit failed (ssh: connection refused): audit it again"],
      ["e-bad-bridge", expect.stringMatching(/^no rule set \(.*bridge.*\): fix it first$/)],
    ]);

    // What the branch page hands the plan: every listed box plans; the two with hand-made lines remove them.
    const plan = await planNatAdoption(boxes.map((b) => ({ kind: b.kind, id: Number(b.box.split(":")[1]) })));
    expect(plan.boxes.map((b) => [b.boxName, b.remove.map((r) => r.line)])).toEqual([
      [gw.hostname, [snat, snat]],
      ["a-handmade", [redirect]],
      ["b-clean", []],
    ]);
    expect(plan.removeCount).toBe(3);
  });

  it("a branch without boxes, or unknown, has nothing to plan", async () => {
    const empty = await makeBranch({}, t.db);
    expect(await listAdoptionBoxes(empty.code, t.db)).toEqual({ boxes: [], skipped: [] });
    expect(await listAdoptionBoxes("BR-0000", t.db)).toEqual({ boxes: [], skipped: [] });
  });
});
