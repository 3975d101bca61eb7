import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { unwrap } from "@/lib/domain/result";
import { freePort, sshKeygenFingerprint, startTestSshd, type TestSshd } from "@/lib/testing/sshd";
import { connectSsh } from "./connect-ssh";
import { loadFleetKey, type FleetKey } from "./fleet-key";
import { ALLOW_LOOPBACK_SSH_ENV } from "./resolve-ssh-address";
import { runCommand } from "./run-command";
import { parseSshTarget, type SshTarget } from "./ssh-target";

// The test sshd listens on 127.0.0.1, which the dashboard refuses to SSH to;
// this file turns on the test-only escape.
vi.stubEnv(ALLOW_LOOPBACK_SSH_ENV, "1");

// Two sshds stand in for a branch gateway and a host behind it: the host is
// reached through a direct-tcpip channel of the gateway's session, as a
// link-local host is in production.
let gateway: TestSshd;
let host: TestSshd;
let fleetKey: FleetKey;

const target = (sshd: TestSshd, label: string, pin: string | null, port = sshd.port): SshTarget =>
  unwrap(parseSshTarget({ label, address: sshd.address, port, username: "root", pinnedFingerprint: pin }));

beforeAll(async () => {
  gateway = await startTestSshd();
  host = await startTestSshd({ authorizedKeyFrom: gateway.clientKeyPubPath });
  fleetKey = unwrap(await loadFleetKey(gateway.clientKeyPath));
});
afterAll(async () => {
  await Promise.all([gateway?.stop(), host?.stop()]);
});

describe("connectSsh via a jump session", () => {
  it("reaches the host through the gateway, verifying the host's own key", async () => {
    const gw = unwrap(
      await connectSsh(target(gateway, "gateway br-0001-gw", await sshKeygenFingerprint(gateway.hostKeyPubPath)), {
        fleetKey,
      }),
    );
    try {
      const hostPin = await sshKeygenFingerprint(host.hostKeyPubPath);
      const h = unwrap(await connectSsh(target(host, "host br-0001-h01", hostPin), { fleetKey, via: gw }));
      expect(h.routeKey.startsWith(gw.routeKey + ">")).toBe(true);
      expect(unwrap(await runCommand(h, ["echo", "behind"], { timeoutMs: 10_000 })).stdout).toBe("behind\n");
      h.close();
      // A wrong pin for the host is caught through the tunnel too.
      const wrong = await connectSsh(
        target(host, "host br-0001-h01", await sshKeygenFingerprint(gateway.hostKeyPubPath)),
        { fleetKey, via: gw },
      );
      expect(wrong.ok ? null : wrong.error.kind).toBe("host-key-mismatch");
      // A closed port behind the gateway is reported as refused, naming the route.
      const closed = await connectSsh(target(host, "host br-0001-h02", hostPin, await freePort()), {
        fleetKey,
        via: gw,
      });
      expect(closed.ok ? null : closed.error.kind).toBe("refused");
      expect(closed.ok ? "" : closed.error.message).toContain("via gateway br-0001-gw");
    } finally {
      gw.close();
    }
  });
});
