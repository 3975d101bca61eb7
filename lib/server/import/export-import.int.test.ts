import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { HOST_STATES } from "@/lib/domain/inventory/host-input";
import { ZImportInput } from "@/lib/domain/import/import-views";
import type { Actor } from "@/lib/server/auth/actor";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { rowCounts } from "@/prisma/seed/row-counts";
import { exportFleetFile } from "./export-fleet-file";
import { importFleet } from "./import-fleet";

const admin: Actor = { userId: 1, username: "alice", role: "admin" };

/** Visible text a spreadsheet quotes: commas, semicolons, quotes, accents; trimmed as the forms store it. */
const label = fc
  .stringMatching(/^[A-Za-z0-9À-ÿ ,;"'()&-]{1,24}$/)
  .map((s) => s.trim())
  .filter((s) => s.length > 0);

const hostArb = fc.record({
  state: fc.constantFrom(...HOST_STATES),
  bridge: fc.constantFrom("virbr0", "br0", "br-lan"),
  sshUser: fc.constantFrom("root", "support"),
  guest: fc.option(fc.record({ name: label, kvmMac: fc.boolean() }), { nil: null }),
  pinned: fc.boolean(),
});

const fleetArb = fc.record({
  format: fc.constantFrom("csv" as const, "json" as const),
  oneBranch: fc.boolean(),
  branches: fc.array(
    fc.record({
      name: label,
      region: label,
      gateway: fc.option(fc.record({ port: fc.integer({ min: 1, max: 65535 }), dnsName: fc.boolean() }), { nil: null }),
      hosts: fc.array(hostArb, { maxLength: 4 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

type Fleet = typeof fleetArb extends fc.Arbitrary<infer F> ? F : never;

let seq = 0;
const hex = (n: number) => [(n >> 8) & 255, n & 255].map((b) => b.toString(16).padStart(2, "0")).join(":");

/** Writes a generated fleet straight to the tables (not through the import under test). */
async function write(t: TestDb, fleet: Fleet): Promise<string[]> {
  const codes: string[] = [];
  for (const b of fleet.branches) {
    const k = ++seq;
    const lan = `198.${18 + (k >> 8)}.${k & 255}`;
    const branch = await t.db.branch.create({
      data: { code: `BR-P${k}`, name: b.name, region: b.region, lanCidr: `${lan}.0/24` },
    });
    codes.push(branch.code);
    if (b.gateway) {
      const sshAddress = b.gateway.dnsName ? `gw-p${k}.branches.example.net` : `203.0.113.${(k % 250) + 1}`;
      await t.db.gateway.create({
        data: {
          branchId: branch.id,
          hostname: `gw-p${k}`,
          sshAddress,
          sshPort: b.gateway.port,
          lanIfname: "eth1",
          lanIp: `${lan}.1`,
        },
      });
    }
    for (const [i, h] of b.hosts.entries()) {
      const n = ++seq;
      const host = await t.db.host.create({
        data: {
          branchId: branch.id,
          hostname: `p-${k}-h${i}`,
          serial: `SN-P-${n}`,
          nicMac: `02:44:00:00:${hex(n)}`,
          bridge: h.bridge,
          linkLocalIp: `169.254.1.${i + 2}`,
          sshUser: h.sshUser,
          state: h.state,
          hostKeyFingerprint: h.pinned ? `SHA256:p${n}AAAAbbbbCCCC+/` : null,
        },
      });
      if (h.guest) {
        const mac = `${h.guest.kvmMac ? "52:54:00" : "06:44:00"}:00:${hex(n)}`;
        await t.db.guest.create({
          data: {
            hostId: host.id,
            branchId: branch.id,
            name: h.guest.name,
            domain: `p-${n}`,
            mac,
            ip: `${lan}.${10 + i}`,
          },
        });
      }
    }
  }
  return codes;
}

describeEachDb("export then import is a no-op", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
  });
  afterAll(async () => t.drop());

  it("generated fleets, CSV and JSON, whole or one branch: 0 errors, 0 changes, nothing written", async () => {
    await fc.assert(
      fc.asyncProperty(fleetArb, async (fleet) => {
        const codes = await write(t, fleet);
        const file = await exportFleetFile(fleet.format, fleet.oneBranch ? codes[0] : undefined);
        const content = ZImportInput.parse({ format: fleet.format, content: file.content, dryRun: false });
        const before = await rowCounts(t.db);
        const result = await importFleet(admin, content);
        expect(result.errors).toEqual([]);
        expect(result).toMatchObject({ changes: 0, committed: false });
        expect(await rowCounts(t.db)).toEqual(before);
      }),
      { numRuns: 15 },
    );
  }, 180_000);
});
