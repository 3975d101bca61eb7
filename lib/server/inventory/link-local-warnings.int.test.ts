import { afterAll, beforeAll, expect, it } from "vitest";
import { ZCreateBranchInput, ZUpdateBranchInput } from "@/lib/domain/inventory/branch-input";
import { ZCreateHostInput, ZUpdateHostInput } from "@/lib/domain/inventory/host-input";
import type { Actor } from "@/lib/server/auth/actor";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { branchInput, hostInput } from "@/prisma/seed/factories";
import { auditEventsSince, lastAuditId } from "@/prisma/seed/row-counts";
import { createBranch } from "./create-branch";
import { createHost } from "./create-host";
import { updateBranch } from "./update-branch";
import { updateHost } from "./update-host";

const alice: Actor = { userId: 1, username: "alice", role: "admin" };
const RESERVED = /which RFC 3927 reserves/;

describeEachDb("recording a fleet that already uses RFC 3927's reserved /24s", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
  });
  afterAll(async () => t.drop());

  it(
    "a gateway at 169.254.0.1 is recorded, with a warning on gatewayLinkLocalIp, " +
      "in the answer and the audit event",
    async () => {
      const since = await lastAuditId(t.db);
      const saved = await createBranch(
        alice,
        ZCreateBranchInput.parse(branchInput({ gatewayLinkLocalIp: "169.254.0.1" })),
      );
      expect(saved.branch.gatewayLinkLocalIp).toBe("169.254.0.1");
      expect(saved.warnings).toEqual({ gatewayLinkLocalIp: [expect.stringMatching(RESERVED)] });
      expect((await auditEventsSince(t.db, since))[0]!.summary).toMatch(
        /warning: gatewayLinkLocalIp: 169\.254\.0\.1 is in 169\.254\.0\.0\/24/,
      );
      const renamed = await updateBranch(alice, saved.branch.code, ZUpdateBranchInput.parse({ name: "Renamed" }));
      expect(renamed.warnings).toEqual(saved.warnings);
    },
  );

  it(
    "hosts typed in 169.254.0.0/24 and 169.254.255.0/24 are recorded with a warning; " + "allocation never picks there",
    async () => {
      const { branch } = await createBranch(
        alice,
        ZCreateBranchInput.parse(branchInput({ gatewayLinkLocalIp: "169.254.0.1" })),
      );
      for (const linkLocalIp of ["169.254.0.2", "169.254.255.254"]) {
        const saved = await createHost(alice, branch.code, ZCreateHostInput.parse(hostInput({ linkLocalIp })));
        expect(saved.host.linkLocalIp).toBe(linkLocalIp);
        expect(saved.warnings).toEqual({ linkLocalIp: [expect.stringMatching(RESERVED)] });
      }
      const allocated = await createHost(alice, branch.code, ZCreateHostInput.parse(hostInput({})));
      expect(allocated).toMatchObject({ host: { linkLocalIp: "169.254.1.0" }, warnings: {} });
      const moved = await updateHost(alice, allocated.host.id, ZUpdateHostInput.parse({ linkLocalIp: "169.254.0.3" }));
      expect(moved.warnings.linkLocalIp?.[0]).toMatch(/^169\.254\.0\.3 is in 169\.254\.0\.0\/24/);
      expect(
        (await updateHost(alice, allocated.host.id, ZUpdateHostInput.parse({ linkLocalIp: "169.254.1.7" }))).warnings,
      ).toEqual({});
    },
  );

  it("a pool inside a reserved /24 is recorded with a warning, and hosts there must be typed", async () => {
    const pool = { linkLocalPool: "169.254.0.0/24", gatewayLinkLocalIp: "169.254.0.1" };
    const { branch, warnings } = await createBranch(alice, ZCreateBranchInput.parse(branchInput(pool)));
    expect(Object.keys(warnings).sort()).toEqual(["gatewayLinkLocalIp", "linkLocalPool"]);
    await expect(createHost(alice, branch.code, ZCreateHostInput.parse(hostInput({})))).rejects.toMatchObject({
      code: "validation",
      fields: { linkLocalIp: [expect.stringContaining("no free link-local address")] },
    });
    expect(
      (await createHost(alice, branch.code, ZCreateHostInput.parse(hostInput({ linkLocalIp: "169.254.0.9" })))).host
        .linkLocalIp,
    ).toBe("169.254.0.9");
  });
});
