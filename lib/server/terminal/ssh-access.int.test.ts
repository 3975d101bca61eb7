import { afterAll, beforeAll, expect, it } from "vitest";
import { generateEd25519 } from "@/lib/ssh/generate-ed25519";
import { hostKeyFingerprint } from "@/lib/ssh/host-key-fingerprint";
import { createTestDb, describeEachDb, installTestDb, type TestDb } from "@/lib/testing/test-db";
import { makeBranch, makeGateway, makeHost } from "@/prisma/seed/factories";
import { branchKnownHosts } from "./branch-known-hosts";
import { gatewaySshAccess, hostSshAccess } from "./ssh-access";

const keyOf = (comment: string) => {
  const pair = generateEd25519(comment);
  const line = pair.publicLine.split(" ").slice(0, 2).join(" ");
  return { line, fingerprint: hostKeyFingerprint(pair.publicBlob) };
};

describeEachDb("ssh lines and known_hosts for a techie's own terminal", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
    installTestDb(t);
  });
  afterAll(async () => t.drop());

  async function fleet() {
    const gwKey = keyOf("gw");
    const hostKey = keyOf("host");
    const branch = await makeBranch({}, t.db);
    const gw = await makeGateway(
      branch,
      { sshPort: 2222, sshUser: "branchdesk", hostKeyFingerprint: gwKey.fingerprint, hostPublicKey: gwKey.line },
      t.db,
    );
    const host = await makeHost(branch, { hostKeyFingerprint: hostKey.fingerprint }, t.db);
    const guestless = await makeHost(branch, { guest: false }, t.db);
    return { branch, gw, gwKey, host, hostKey, guestless };
  }

  it("a host: the support path to its guest IP and the hop via its gateway, each checking its alias", async () => {
    const { branch, gw, host } = await fleet();
    const access = await hostSshAccess(host.id);
    expect(access.box).toEqual({ kind: "host", id: host.id, hostname: host.hostname, branchCode: branch.code });
    const [support, via] = access.paths;
    expect(support).toMatchObject({
      path: "support",
      command: `ssh -o HostKeyAlias=${host.hostname} -o StrictHostKeyChecking=yes -p 22 root@${host.guest!.ip}`,
      uri: `ssh://root@${host.guest!.ip}:22`,
    });
    expect(via!.path).toBe("gateway");
    expect(via!.command).toContain(`HostKeyAlias=${gw.hostname} -o StrictHostKeyChecking=yes -p 2222 -W %h:%p`);
    expect(via!.command).toContain(`branchdesk@${gw.sshAddress}'`);
    expect(via!.command.endsWith(`root@${host.linkLocalIp}`)).toBe(true);
    expect(via!.jumpCommand).toContain(`-J branchdesk@${gw.sshAddress}:2222`);
    expect(access.unavailable).toEqual([]);
  });

  it("known_hosts lines only for keys matching their pin; a pinned box without its key is a comment", async () => {
    const { gw, gwKey, host, hostKey } = await fleet();
    const access = await hostSshAccess(host.id);
    const lines = access.knownHosts.split("\n");
    expect(lines).toContain(`${gw.hostname} ${gwKey.line}`);
    expect(lines).toContain(
      `# ${host.hostname} (host ${host.hostname}): key not stored yet; pinned fingerprint ${hostKey.fingerprint}`,
    );
    // A key stored before a re-pin is not the pinned key: it must not be offered.
    await t.db.gateway.update({ where: { id: gw.id }, data: { hostKeyFingerprint: keyOf("other").fingerprint } });
    const stale = await hostSshAccess(host.id);
    expect(stale.knownHosts).not.toContain(gwKey.line);
    expect(stale.knownHosts).toContain(`# ${gw.hostname} (gateway ${gw.hostname}): key not stored yet`);
  });

  it("a guestless host has no support path, and says why", async () => {
    const { guestless } = await fleet();
    const access = await hostSshAccess(guestless.id);
    expect(access.paths.map((p) => p.path)).toEqual(["gateway"]);
    expect(access.unavailable).toEqual([{ path: "support", reason: expect.stringMatching(/has no guest/) }]);
  });

  it("a gateway: a direct line to its head-office address; a branch without one is 404", async () => {
    const { branch, gw, gwKey } = await fleet();
    const access = await gatewaySshAccess(branch.code.toLowerCase());
    expect(access.paths).toEqual([
      {
        path: "direct",
        label: "direct",
        command: `ssh -o HostKeyAlias=${gw.hostname} -o StrictHostKeyChecking=yes -p 2222 branchdesk@${gw.sshAddress}`,
        jumpCommand: null,
        uri: `ssh://branchdesk@${gw.sshAddress}:2222`,
      },
    ]);
    expect(access.knownHosts).toContain(`${gw.hostname} ${gwKey.line}`);
    const empty = await makeBranch({}, t.db);
    await expect(gatewaySshAccess(empty.code)).rejects.toMatchObject({ code: "not_found" });
  });

  it("a branch's known_hosts: the gateway and every host, lines or comments, in hostname order", async () => {
    const { branch, gw, gwKey, host, guestless } = await fleet();
    const stored = keyOf("stored");
    await t.db.host.update({
      where: { id: host.id },
      data: { hostKeyFingerprint: stored.fingerprint, hostPublicKey: `${stored.line} root@box` },
    });
    const known = await branchKnownHosts(branch.code);
    expect(known.entries.map((e) => [e.alias, e.key])).toEqual([
      [gw.hostname, gwKey.line],
      [host.hostname, stored.line],
      [guestless.hostname, null],
    ]);
    expect(known.text).toContain(`${host.hostname} ${stored.line}\n`);
    expect(known.text).toContain(`# ${guestless.hostname} (host of ${branch.code}): no host key pinned yet`);
    await expect(branchKnownHosts("BR-80000000")).rejects.toMatchObject({ code: "not_found" });
  });

  it("a row that does not parse gives no line, and the answer names the field", async () => {
    const { gw, host } = await fleet();
    await t.db.gateway.update({ where: { id: gw.id }, data: { sshUser: "Root;id" } });
    const access = await hostSshAccess(host.id);
    expect(access.paths.map((p) => p.path)).toEqual(["support"]);
    expect(access.unavailable[0]!.reason).toMatch(/username/);
  });
});
