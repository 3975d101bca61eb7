import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDb, describeEachDb, type TestDb } from "@/lib/testing/test-db";
import { makeBranch, makeGateway, makeHost, makeUser } from "@/prisma/seed/factories";
import { toAppError } from "./to-app-error";

/**
 * The database's unique constraints are the backstop of the services' checks:
 * when a race gets past a check, the 409 still names the field the user typed,
 * as the form calls it. Each write below is the one a service issues, made to
 * collide, on both databases (their adapters report the columns differently).
 */
describeEachDb("a unique violation names the input field", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
  });
  afterAll(async () => t.drop());

  const fieldsOf = async (write: () => Promise<unknown>) => {
    const error = toAppError(
      await write().then(
        () => null,
        (e: unknown) => e,
      ),
    );
    expect(error.code).toBe("conflict");
    return error.fields;
  };

  const setUp = async () => {
    const branch = await makeBranch({}, t.db);
    const host = await makeHost(branch, {}, t.db);
    const bare = await makeHost(branch, { guest: false }, t.db);
    return { branch, host, guest: host.guest!, bare };
  };

  const newHost = (branchId: number, n: number, over: Record<string, unknown> = {}) => ({
    branchId,
    hostname: `dup-${n}`,
    serial: `DUP-${n}`,
    nicMac: `02:dd:00:00:00:${n}`,
    linkLocalIp: `169.254.99.${n}`,
    ...over,
  });

  it("a host's NIC MAC: nicMac", async () => {
    const { branch, host } = await setUp();
    const write = () => t.db.host.create({ data: newHost(branch.id, 11, { nicMac: host.nicMac }) });
    expect(await fieldsOf(write)).toEqual({ nicMac: ["this MAC address is already used by another host or guest"] });
  });

  it("a host's hostname, serial (in any case) and link-local address: hostname, serial, linkLocalIp", async () => {
    const { branch, host } = await setUp();
    const hostname = () => t.db.host.create({ data: newHost(branch.id, 12, { hostname: host.hostname }) });
    const serial = () => t.db.host.create({ data: newHost(branch.id, 13, { serial: host.serial.toLowerCase() }) });
    const linkLocal = () => t.db.host.create({ data: newHost(branch.id, 14, { linkLocalIp: host.linkLocalIp }) });
    expect(Object.keys(await fieldsOf(hostname))).toEqual(["hostname"]);
    expect(Object.keys(await fieldsOf(serial))).toEqual(["serial"]);
    expect(Object.keys(await fieldsOf(linkLocal))).toEqual(["linkLocalIp"]);
  });

  it("a guest created with its host (POST /branches/{code}/hosts): guest.ip, guest.mac", async () => {
    const { branch, guest } = await setUp();
    const withGuest = (n: number, over: Record<string, string>) => () =>
      t.db.host.create({
        data: newHost(branch.id, n, {
          guest: {
            create: {
              branchId: branch.id,
              name: `g-${n}`,
              domain: `g-${n}`,
              mac: `06:dd:00:00:00:${n}`,
              ip: `198.51.100.${n}`,
              ...over,
            },
          },
        }),
      });
    expect(await fieldsOf(withGuest(15, { ip: guest.ip }))).toEqual({
      "guest.ip": ["this IP address is already used by another guest in the branch"],
    });
    expect(Object.keys(await fieldsOf(withGuest(16, { mac: guest.mac })))).toEqual(["guest.mac"]);
  });

  it(
    "a guest saved on its own route (PUT /hosts/{id}/guest): ip, mac; " + "a second guest for the host: no field",
    async () => {
      const { branch, host, guest, bare } = await setUp();
      const save = (hostId: number, over: Record<string, string>) => () =>
        t.db.guest.create({
          data: {
            hostId,
            branchId: branch.id,
            name: "g-17",
            domain: "g-17",
            mac: "06:dd:00:00:00:17",
            ip: "198.51.100.17",
            ...over,
          },
        });
      expect(Object.keys(await fieldsOf(save(bare.id, { ip: guest.ip })))).toEqual(["ip"]);
      expect(Object.keys(await fieldsOf(save(bare.id, { mac: guest.mac })))).toEqual(["mac"]);
      expect(await fieldsOf(save(host.id, {}))).toEqual({});
    },
  );

  it("a branch code, a gateway hostname, a second gateway, a username", async () => {
    const { branch } = await setUp();
    const gateway = await makeGateway(branch, {}, t.db);
    const other = await makeBranch({}, t.db);
    const user = await makeUser("viewer", {}, t.db);
    const gw = { sshAddress: "203.0.113.9", lanIfname: "eth1", lanIp: "198.51.100.1" };
    expect(
      Object.keys(
        await fieldsOf(() =>
          t.db.branch.create({
            data: { code: branch.code, name: "x", region: "x", lanCidr: "192.0.2.0/24" },
          }),
        ),
      ),
    ).toEqual(["code"]);
    expect(
      Object.keys(
        await fieldsOf(() =>
          t.db.gateway.create({
            data: { ...gw, branchId: other.id, hostname: gateway.hostname },
          }),
        ),
      ),
    ).toEqual(["hostname"]);
    expect(
      await fieldsOf(() => t.db.gateway.create({ data: { ...gw, branchId: branch.id, hostname: "gw-dup" } })),
    ).toEqual({});
    expect(
      Object.keys(
        await fieldsOf(() =>
          t.db.user.create({
            data: { username: user.username, role: "viewer", passwordHash: "x" },
          }),
        ),
      ),
    ).toEqual(["username"]);
  });
});
