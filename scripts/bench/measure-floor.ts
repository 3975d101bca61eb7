import type { LabInventory } from "../../e2e/lab/inventory";
import { unwrap } from "../../lib/domain/result";
import { connectSsh, type SshSession } from "../../lib/ssh/connect-ssh";
import { createLimiter } from "../../lib/rollout/create-limiter";
import { loadFleetKey } from "../../lib/ssh/fleet-key";
import { runCommand, type SshScript } from "../../lib/ssh/run-command";
import { parseSshTarget } from "../../lib/ssh/ssh-target";

/**
 * The bare-SSH floor: for every host, the same route a rollout takes (one
 * session per gateway, then a pinned connection to the host's link-local
 * address through it) and a single `true`, at the same concurrency.
 * `work` replaces the `true` (e.g. the NAT audit's read script) and, with
 * `gateways`, also runs on each gateway's own session: the parallel-SSH
 * floor of a job that reads every box.
 */
export async function measureFloor(
  inv: LabInventory,
  concurrency: number,
  work: { command: readonly string[] | SshScript; gateways: boolean } = { command: ["true"], gateways: false },
): Promise<{ seconds: number; failures: number }> {
  const { command } = work;
  const exec = (s: SshSession) =>
    isScript(command) ? runCommand(s, command, { timeoutMs: 30_000 }) : runCommand(s, command, { timeoutMs: 30_000 });
  const fleetKey = unwrap(await loadFleetKey(inv.ssh.privateKeyPath));
  const limit = createLimiter(concurrency);
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    inv.branches.map(async (b) => {
      const gwTarget = unwrap(
        parseSshTarget({
          label: `gateway ${b.gateway.hostname}`,
          address: b.gateway.hqAddress,
          port: b.gateway.sshPort,
          username: "root",
          pinnedFingerprint: b.gateway.hostKeyFingerprint,
        }),
      );
      const gw = await limit.run(() => connectSsh(gwTarget, { fleetKey }));
      if (!gw.ok) {
        failures += b.hosts.length;
        return;
      }
      const onGateway = work.gateways
        ? limit.run(async () => {
            const r = await exec(gw.value);
            if (!r.ok) failures++;
          })
        : null;
      await Promise.all(
        b.hosts.map((h) =>
          limit.run(async () => {
            const t = unwrap(
              parseSshTarget({
                label: `host ${h.hostname}`,
                address: h.linkLocalIp,
                port: 22,
                username: "root",
                pinnedFingerprint: h.hostKeyFingerprint,
              }),
            );
            const s = await connectSsh(t, { fleetKey, via: gw.value });
            if (!s.ok) {
              failures++;
              return;
            }
            const r = await exec(s.value);
            if (!r.ok) failures++;
            s.value.close();
          }),
        ),
      );
      await onGateway;
      gw.value.close();
    }),
  );
  return { seconds: (performance.now() - started) / 1000, failures };
}

const isScript = (c: readonly string[] | SshScript): c is SshScript => !Array.isArray(c);
