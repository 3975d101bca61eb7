import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { unwrap } from "@/lib/domain/result";
import type { Hostname } from "@/lib/domain/values/hostname";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import type { Port } from "@/lib/domain/values/port";
import { freePort, sshKeygenFingerprint, startSilentServer, startTestSshd, type TestSshd } from "@/lib/testing/sshd";
import { connectSsh } from "./connect-ssh";
import { loadFleetKey } from "./fleet-key";
import { probeSshHostKey } from "./probe-ssh-host-key";
import { scanHostKey } from "./scan-host-key";
import { ALLOW_LOOPBACK_SSH_ENV } from "./resolve-ssh-address";
import { parseSshTarget } from "./ssh-target";

// The test sshd listens on 127.0.0.1, which the dashboard refuses to SSH to;
// this file turns on the test-only escape (tests below turn it off again).
vi.stubEnv(ALLOW_LOOPBACK_SSH_ENV, "1");

let sshd: TestSshd;
const LOCAL = "127.0.0.1" as Ipv4;

beforeAll(async () => {
  // rsa is configured first: sshd lists its keys in config order, so the key
  // we see must come from our algorithm preference, not from the server's.
  sshd = await startTestSshd({ hostKeyTypes: ["rsa", "ecdsa", "ed25519"] });
});
afterAll(async () => {
  await sshd?.stop();
});

function unpinned(port = sshd.port) {
  return unwrap(
    parseSshTarget({ label: "host br-0002-h03", address: LOCAL, port, username: "root", pinnedFingerprint: null }),
  );
}

describe("scanHostKey", () => {
  it("returns the fingerprint ssh-keygen -lf prints for the host key, without authenticating", async () => {
    const ed25519 = await sshKeygenFingerprint(sshd.hostKeyPubPaths[2]!);
    const logBefore = sshd.log().length;
    expect(unwrap(await scanHostKey(unpinned()))).toBe(ed25519);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const during = sshd.log().slice(logBefore);
    expect(during).toContain("Connection from 127.0.0.1");
    expect(during).not.toMatch(/publickey|password|Accepted|Failed|session opened/i);
  });

  it("the scanned key, once pinned, is the key connectSsh verifies", async () => {
    const scanned = unwrap(await scanHostKey(unpinned()));
    const pinned = unwrap(parseSshTarget({ ...unpinned(), pinnedFingerprint: scanned }));
    const session = unwrap(await connectSsh(pinned, { fleetKey: unwrap(await loadFleetKey(sshd.clientKeyPath)) }));
    expect(session.hostKey).toBe(scanned);
    session.close();
  });

  it("names the target when the port is closed", async () => {
    const r = await scanHostKey(unpinned(await freePort()));
    expect(r.ok ? r.value : r.error).toMatchObject({ kind: "refused" });
    if (!r.ok) expect(r.error.message).toContain("host br-0002-h03 (127.0.0.1:");
  });
});

// Issue 8: a scan of 0x7f.0.0.1 reached the dashboard's own loopback.
describe("scanHostKey refuses what the address policy refuses", () => {
  it.each(["0x7f.0.0.1", "0177.0.0.1", "127.1", "localhost"])("%s: refused; sshd sees nothing", async (address) => {
    const before = sshd.log();
    // Built by hand: parseSshTarget already refuses these; the connect-time check must not depend on it.
    const r = await scanHostKey({ ...unpinned(), label: "gateway BR-0009", address: address as Hostname });
    expect(r.ok ? r.value : r.error).toMatchObject({ kind: "address-refused" });
    await new Promise((res) => setTimeout(res, 200));
    expect(sshd.log().slice(before.length)).not.toContain("Connection from");
  });

  it("without the test escape, 127.0.0.1 itself is refused, by scanHostKey and by the support-path probe", async () => {
    vi.stubEnv(ALLOW_LOOPBACK_SSH_ENV, "");
    try {
      expect(await scanHostKey(unpinned())).toMatchObject({ ok: false, error: { kind: "address-refused" } });
      const probed = await probeSshHostKey(LOCAL, sshd.port as Port, 2_000);
      expect(probed).toMatchObject({ ok: false, error: { kind: "address-refused" } });
    } finally {
      vi.stubEnv(ALLOW_LOOPBACK_SSH_ENV, "1");
    }
  });
});

describe("probeSshHostKey (the support-path check)", () => {
  it("returns the presented key of whatever answers on address:port", async () => {
    const r = await probeSshHostKey(LOCAL, sshd.port as Port, 5_000);
    expect(unwrap(r)).toBe(await sshKeygenFingerprint(sshd.hostKeyPubPaths[2]!));
  });

  it("a silent port is 'timeout', named by address:port", async () => {
    const silent = await startSilentServer();
    try {
      const r = await probeSshHostKey(LOCAL, silent.port as Port, 400);
      expect(r.ok ? r.value : r.error).toMatchObject({
        kind: "timeout",
        where: `127.0.0.1:${silent.port}`,
        timeoutMs: 400,
      });
    } finally {
      await silent.close();
    }
  });

  it("a closed port is 'refused'", async () => {
    const r = await probeSshHostKey(LOCAL, (await freePort()) as Port, 2_000, "guest 198.51.100.7 via test");
    expect(r.ok ? r.value : r.error).toMatchObject({ kind: "refused", where: "guest 198.51.100.7 via test" });
  });
});
