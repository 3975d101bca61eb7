import { afterAll, beforeAll, expect, it } from "vitest";
import { ZCreateHostInput, ZUpdateHostInput } from "@/lib/domain/inventory/host-input";
import type { Actor } from "@/lib/server/auth/actor";
import { toAppError } from "@/lib/server/errors/to-app-error";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { hostInput, makeBranch, makeHost } from "@/prisma/seed/factories";
import { rowCounts } from "@/prisma/seed/row-counts";
import { createHost } from "./create-host";
import { updateHost } from "./update-host";

const bob: Actor = { userId: 2, username: "bob", role: "admin" };

describeEachDb("host serials are unique whatever their case", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
  });
  afterAll(async () => t.drop());

  const changeHost = async (...args: Parameters<typeof updateHost>) => (await updateHost(...args)).host;

  const addHost = async (...args: Parameters<typeof createHost>) => (await createHost(...args)).host;

  it.each([
    ["sn-case-1", "SN-CASE-1"],
    ["SN-Case-2", "sn-case-2"],
    ["Asset/7.b", "ASSET/7.B"],
  ])(
    "a host with serial %s exists: creating %s is refused on serial, naming the host, and writes nothing",
    async (stored, typed) => {
      const branch = await makeBranch({}, t.db);
      const existing = await makeHost(branch, { serial: stored }, t.db);
      const before = await rowCounts(t.db);
      const error = await addHost(bob, branch.code, ZCreateHostInput.parse(hostInput({ serial: typed }))).catch(
        (e) => e,
      );
      expect(error).toMatchObject({ code: "validation" });
      expect(error.fields).toEqual({
        serial: [`${typed} is already the serial of host ${existing.hostname} (recorded as ${stored})`],
      });
      expect(await rowCounts(t.db)).toEqual(before);
    },
  );

  it(
    "renaming a host's serial to another host's in another case is refused; " + "changing the case of its own is not",
    async () => {
      const branch = await makeBranch({}, t.db);
      const [a, b] = [
        await makeHost(branch, { serial: "sn-pair-a" }, t.db),
        await makeHost(branch, { serial: "sn-pair-b" }, t.db),
      ];
      const error = await changeHost(bob, b.id, ZUpdateHostInput.parse({ serial: "SN-PAIR-A" })).catch((e) => e);
      expect(error.fields.serial).toEqual([
        `SN-PAIR-A is already the serial of host ${a.hostname} (recorded as sn-pair-a)`,
      ]);
      expect((await changeHost(bob, a.id, ZUpdateHostInput.parse({ serial: "SN-PAIR-A" }))).serial).toBe("SN-PAIR-A");
    },
  );

  it(
    "the database refuses the same serial in another case by itself (a write that skips the service), " +
      "as a 409 on serial",
    async () => {
      const branch = await makeBranch({}, t.db);
      await makeHost(branch, { serial: "sn-raw-1" }, t.db);
      const error = await makeHost(branch, { serial: "SN-RAW-1" }, t.db).catch((e) => e);
      expect(error).toMatchObject({ code: "P2002" });
      expect(toAppError(error)).toMatchObject({
        code: "conflict",
        fields: { serial: [expect.stringContaining("serial")] },
      });
    },
  );
});
