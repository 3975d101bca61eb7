import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { boxDir } from "../../e2e/lab/boxes";
import type { LabInventory } from "../../e2e/lab/inventory";
import { hostKeyPath } from "../../e2e/lab/sshd";
import { createLimiter } from "../../lib/rollout/create-limiter";

/**
 * The floor as issue #5 words it: a plain parallel `ssh <host> true` to the
 * same hosts with the same concurrency. One OpenSSH client per host, as a
 * techie's ~/.ssh/config would have it: the host's link-local address through
 * `ProxyJump` its gateway (link-local is only reachable from the branch LAN),
 * strict host key checking against the lab's real host keys, the fleet key,
 * no connection sharing.
 */
export async function measureOpensshFloor(
  inv: LabInventory,
  concurrency: number,
): Promise<{ seconds: number; failures: number; firstError: string | null }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bd-floor-"));
  try {
    const config: string[] = [];
    const knownHosts: string[] = [];
    const hostKey = (netns: string) =>
      readFileSync(`${hostKeyPath(boxDir(inv.runDir, netns))}.pub`, "utf8")
        .trim()
        .split(/\s+/)
        .slice(0, 2)
        .join(" ");
    const hosts: string[] = [];
    for (const b of inv.branches) {
      const gw = b.gateway;
      config.push(
        `Host ${gw.hostname}`,
        `  HostName ${gw.hqAddress}`,
        `  Port ${gw.sshPort}`,
        `  HostKeyAlias ${gw.hostname}`,
      );
      knownHosts.push(`${gw.hostname} ${hostKey(gw.netns)}`);
      for (const h of b.hosts) {
        config.push(
          `Host ${h.hostname}`,
          `  HostName ${h.linkLocalIp}`,
          `  ProxyJump ${gw.hostname}`,
          `  HostKeyAlias ${h.hostname}`,
        );
        knownHosts.push(`${h.hostname} ${hostKey(h.netns)}`);
        hosts.push(h.hostname);
      }
    }
    config.push(
      "Host *",
      "  User root",
      `  IdentityFile ${inv.ssh.privateKeyPath}`,
      "  IdentitiesOnly yes",
      "  BatchMode yes",
      "  StrictHostKeyChecking yes",
      `  UserKnownHostsFile ${path.join(dir, "known_hosts")}`,
      "  GlobalKnownHostsFile /dev/null",
      "  ConnectTimeout 30",
      "  LogLevel ERROR",
      "  ControlMaster no",
      "  ControlPath none",
    );
    writeFileSync(path.join(dir, "config"), config.join("\n") + "\n");
    writeFileSync(path.join(dir, "known_hosts"), knownHosts.join("\n") + "\n");
    const limit = createLimiter(concurrency);
    let failures = 0;
    let firstError: string | null = null;
    const started = performance.now();
    await Promise.all(
      hosts.map((h) =>
        limit.run(
          () =>
            new Promise<void>((resolve) => {
              const child = spawn("ssh", ["-F", path.join(dir, "config"), h, "true"], {
                stdio: ["ignore", "ignore", "pipe"],
              });
              let stderr = "";
              child.stderr.on("data", (d: Buffer) => {
                stderr += d.toString();
              });
              child.on("close", (code) => {
                if (code !== 0) {
                  failures++;
                  firstError ??= `${h}: exit ${code}: ${stderr.trim()}`;
                }
                resolve();
              });
            }),
        ),
      ),
    );
    return { seconds: (performance.now() - started) / 1000, failures, firstError };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
