import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { unwrap } from "@/lib/domain/result";
import type { Hostname } from "@/lib/domain/values/hostname";
import {
  generateKeyPair,
  sshKeygenFingerprint,
  startSilentServer,
  startTestSshd,
  freePort,
  type TestSshd,
} from "@/lib/testing/sshd";
import { connectSsh } from "./connect-ssh";
import { loadFleetKey, type FleetKey } from "./fleet-key";
import { runCommand } from "./run-command";
import { ALLOW_LOOPBACK_SSH_ENV } from "./resolve-ssh-address";
import { parseSshTarget, type SshTarget } from "./ssh-target";

// The test sshd listens on 127.0.0.1, which the dashboard refuses to SSH to;
// this file turns on the test-only escape (tests below turn it off again).
vi.stubEnv(ALLOW_LOOPBACK_SSH_ENV, "1");

// A well-formed fingerprint of a key this sshd does not have.
const WRONG_PIN = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

let sshd: TestSshd;
let fleetKey: FleetKey;
let pin: string;

function target(overrides: Partial<Record<keyof SshTarget, unknown>> = {}): SshTarget {
  return unwrap(
    parseSshTarget({
      label: "host br-0001-h01",
      address: sshd.address,
      port: sshd.port,
      username: "root",
      pinnedFingerprint: pin,
      ...overrides,
    }),
  );
}

beforeAll(async () => {
  sshd = await startTestSshd();
  fleetKey = unwrap(await loadFleetKey(sshd.clientKeyPath));
  pin = await sshKeygenFingerprint(sshd.hostKeyPubPath);
});
afterAll(async () => {
  await sshd?.stop();
});

describe("connectSsh host-key pinning", () => {
  it("connects when the presented key equals the pin, and runs commands", async () => {
    const session = unwrap(await connectSsh(target(), { fleetKey }));
    try {
      expect(session.hostKey).toBe(pin);
      const out = unwrap(await runCommand(session, ["id", "-u"], { timeoutMs: 10_000 }));
      expect(out).toMatchObject({ code: 0, stdout: "0\n" });
    } finally {
      session.close();
    }
  });

  it("refuses a changed key before authenticating: names both fingerprints, and no command runs", async () => {
    const marker = path.join(sshd.dir, "mismatch-ran");
    const touch = ["touch", marker];

    const logBefore = sshd.log().length;
    const refused = await connectSsh(target({ pinnedFingerprint: WRONG_PIN }), { fleetKey });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error).toMatchObject({ kind: "host-key-mismatch", expected: WRONG_PIN, got: pin });
    expect(refused.error.message).toBe(
      `host key for host br-0001-h01 (127.0.0.1:${sshd.port}) changed since it was pinned: ` +
        `expected ${WRONG_PIN}, got ${pin} — refusing to connect. If the box was reinstalled, re-trust its key.`,
    );
    // There is no session to run `touch` on, and the server never even saw an auth attempt.
    expect(existsSync(marker)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 200)); // let sshd flush its log
    const during = sshd.log().slice(logBefore);
    expect(during).toContain("Connection from 127.0.0.1");
    expect(during).not.toMatch(/publickey|Accepted|session opened/i);

    // Control: with the right pin the very same command does create the file.
    const session = unwrap(await connectSsh(target(), { fleetKey }));
    unwrap(await runCommand(session, touch, { timeoutMs: 10_000 }));
    session.close();
    expect(existsSync(marker)).toBe(true);
  });

  it("refuses an unpinned target without opening a connection", async () => {
    const before = (sshd.log().match(/Connection from/g) ?? []).length;
    const r = await connectSsh(target({ pinnedFingerprint: null }), { fleetKey });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe("host-key-unpinned");
    expect(r.error.message).toContain("host br-0001-h01");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((sshd.log().match(/Connection from/g) ?? []).length).toBe(before);
  });
});

describe("connectSsh only opens a socket to an address the policy allows, checked when it connects", () => {
  it("without the test escape, a loopback target is refused before any socket opens (sshd sees nothing)", async () => {
    vi.stubEnv(ALLOW_LOOPBACK_SSH_ENV, "");
    try {
      const before = sshd.log();
      const r = await connectSsh(target(), { fleetKey });
      const refused = { kind: "address-refused", message: expect.stringContaining("loopback") };
      expect(r.ok ? "connected" : r.error).toMatchObject(refused);
      await new Promise((res) => setTimeout(res, 200));
      expect(sshd.log().slice(before.length)).not.toContain("Connection from");
    } finally {
      vi.stubEnv(ALLOW_LOOPBACK_SSH_ENV, "1");
    }
  });

  it.each(["0x7f.0.0.1", "127.1", "2130706433", "localhost", "gw.localhost"])(
    "%s is refused even with the escape on (numeric tricks and localhost names are never allowed)",
    async (address) => {
      // Built by hand: parseSshTarget already refuses these; the connect-time check must not depend on it.
      const r = await connectSsh({ ...target(), address: address as Hostname }, { fleetKey });
      expect(r.ok ? "connected" : r.error).toMatchObject({ kind: "address-refused" });
    },
  );

  it("a name is resolved once, every address is checked, and the checked address is the one dialled", async () => {
    // The escape lets 127.0.0.1 (the test sshd) pass; a name that resolves to it
    // and to the metadata address is refused as a whole.
    const twoFaced = async () => ["127.0.0.1", "169.254.169.254"];
    const mixed = await connectSsh(target({ address: "gw-0001.lab.example" }), { fleetKey, resolve: twoFaced });
    const refused = { kind: "address-refused", message: expect.stringContaining("169.254.169.254") };
    expect(mixed.ok ? "connected" : mixed.error).toMatchObject(refused);
    let lookups = 0;
    const resolve = async () => {
      lookups++;
      return ["127.0.0.1"];
    };
    // gw-0001.lab.example does not exist in DNS: connecting proves the resolved address was used, not a second lookup.
    const session = unwrap(await connectSsh(target({ address: "gw-0001.lab.example" }), { fleetKey, resolve }));
    session.close();
    expect(lookups).toBe(1);
  });
});

describe("connectSsh failures are typed values", () => {
  it("a key the server does not know is an auth failure", async () => {
    const otherKeyPath = await generateKeyPair(sshd.dir, "not_authorized");
    const otherKey = unwrap(await loadFleetKey(otherKeyPath));
    const r = await connectSsh(target(), { fleetKey: otherKey });
    expect(r.ok ? "connected" : r.error.kind).toBe("auth");
    if (!r.ok) expect(r.error.message).toContain("authentication as root on host br-0001-h01");
  });

  it("a closed port is 'refused'", async () => {
    const r = await connectSsh(target({ port: await freePort() }), { fleetKey });
    expect(r.ok ? "connected" : r.error.kind).toBe("refused");
  });

  it("a server that never sends a banner is 'timeout' after connectTimeoutMs", async () => {
    const silent = await startSilentServer();
    try {
      const r = await connectSsh(target({ port: silent.port }), { fleetKey, connectTimeoutMs: 500 });
      expect(r.ok ? "connected" : r.error).toMatchObject({ kind: "timeout", timeoutMs: 500 });
    } finally {
      await silent.close();
    }
  });

  it("a name that cannot resolve is 'dns' (.invalid never resolves, RFC 6761)", async () => {
    const r = await connectSsh(target({ address: "br-0001-h01.invalid" }), { fleetKey });
    expect(r.ok ? "connected" : r.error).toMatchObject({ kind: "dns", code: "ENOTFOUND" });
  });

  it("keepalive notices a box that stops answering, and in-flight commands end with that reason", async () => {
    const session = unwrap(await connectSsh(target(), { fleetKey, keepaliveIntervalMs: 200, keepaliveCountMax: 2 }));
    const resume = sshd.freezeConnections();
    try {
      const r = await runCommand(session, ["true"], { timeoutMs: 20_000 });
      expect(r.ok ? "ran" : r.error).toMatchObject({ kind: "timeout" });
      if (!r.ok) expect(r.error.message).toContain("stopped answering keepalives");
      expect(session.lost?.kind).toBe("timeout");
    } finally {
      resume();
      session.close();
    }
  });

  it("a session whose server went away reports it instead of hanging", async () => {
    const other = await startTestSshd();
    try {
      const otherTarget = target({
        port: other.port,
        pinnedFingerprint: await sshKeygenFingerprint(other.hostKeyPubPath),
      });
      const session = unwrap(
        await connectSsh(otherTarget, { fleetKey: unwrap(await loadFleetKey(other.clientKeyPath)) }),
      );
      await other.stop();
      const r = await runCommand(session, ["true"], { timeoutMs: 5_000 });
      expect(r.ok ? "ran" : r.error.kind).toBe("protocol");
      expect(session.lost).not.toBeNull();
    } finally {
      await other.stop();
    }
  });
});
