import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { knownHostsText, parsePublicKeyLine, type KnownHostsEntry } from "@/lib/domain/terminal/known-hosts";
import { directSshCommand, viaGatewaySshCommand, type SshEndpoint } from "@/lib/domain/terminal/ssh-command";
import type { Hostname } from "@/lib/domain/values/hostname";
import type { Ipv4 } from "@/lib/domain/values/ipv4";
import type { Port } from "@/lib/domain/values/port";
import { startTestSshd, type TestSshd } from "@/lib/testing/sshd";

/**
 * The ssh lines a techie copies, run by the real OpenSSH client against two
 * loopback sshds (a "gateway" and a "host"), with known_hosts holding exactly
 * the snippet the dashboard answers: the via-gateway line must verify both
 * keys under their aliases, and a wrong key must stop it.
 */
describe("the Copy SSH command lines work with OpenSSH", () => {
  let gw: TestSshd;
  let host: TestSshd;
  let dir: string;
  beforeAll(async () => {
    gw = await startTestSshd();
    host = await startTestSshd({ authorizedKeyFrom: `${gw.clientKeyPath}.pub` });
    dir = mkdtempSync(path.join(os.tmpdir(), "bd-ssh-lines-"));
  });
  afterAll(async () => {
    await gw?.stop();
    await host?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const endpoint = (alias: string, port: number): SshEndpoint => ({
    alias: alias as Hostname,
    address: "127.0.0.1" as Ipv4,
    port: port as Port,
    username: "root",
  });
  const entry = (alias: string, pubPath: string): KnownHostsEntry => {
    const key = parsePublicKeyLine(readFileSync(pubPath, "utf8"));
    if (!key.ok) throw new Error(key.error);
    return { alias, label: alias, key: key.value, fingerprint: null };
  };

  /**
   * Runs the line as pasted into a shell, with `ssh` resolving to a wrapper that adds
   * the test's config (identity, this known_hosts only): the ProxyCommand's inner ssh
   * is started by the shell too, so it gets the same config, as a techie's ~/.ssh/config would.
   */
  function runLine(line: string, knownHosts: string): { status: number | null; out: string } {
    const bin = mkdtempSync(path.join(dir, "bin-"));
    const config = path.join(bin, "ssh_config");
    const known = path.join(bin, "known_hosts");
    writeFileSync(known, knownHosts);
    writeFileSync(
      config,
      [
        `IdentityFile ${gw.clientKeyPath}`,
        "IdentitiesOnly yes",
        `UserKnownHostsFile ${known}`,
        "GlobalKnownHostsFile /dev/null",
        "BatchMode yes",
        "ConnectTimeout 10",
        "",
      ].join("\n"),
    );
    writeFileSync(path.join(bin, "ssh"), `#!/bin/sh\nexec /usr/bin/ssh -F ${config} "$@"\n`);
    chmodSync(path.join(bin, "ssh"), 0o755);
    const r = spawnSync("/bin/sh", ["-c", `${line} echo reached-$((20+22))`], {
      env: { ...process.env, PATH: `${bin}:/usr/bin:/bin`, SHELL: "/bin/sh" },
      encoding: "utf8",
      timeout: 30_000,
    });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  }

  it("the direct line verifies the key under the alias", () => {
    const target = endpoint("br-0042-gw", gw.port);
    const known = knownHostsText("BR-0042", [entry("br-0042-gw", gw.hostKeyPubPath)]);
    const r = runLine(directSshCommand(target), known);
    expect(r.out).toContain("reached-42");
    expect(r.status).toBe(0);
  });

  it("the via-gateway line hops through the gateway, verifying both keys under their aliases", () => {
    const line = viaGatewaySshCommand(endpoint("br-0042-h01", host.port), endpoint("br-0042-gw", gw.port));
    const known = knownHostsText("BR-0042", [
      entry("br-0042-gw", gw.hostKeyPubPath),
      entry("br-0042-h01", host.hostKeyPubPath),
    ]);
    const r = runLine(line, known);
    expect(r.out).toContain("reached-42");
    expect(r.status).toBe(0);
    // The hop is real and checked: with the gateway's entry holding another key, the same line stops.
    const wrongGateway = knownHostsText("BR-0042", [
      entry("br-0042-gw", host.hostKeyPubPath),
      entry("br-0042-h01", host.hostKeyPubPath),
    ]);
    const refused = runLine(line, wrongGateway);
    expect(refused.status).not.toBe(0);
    expect(refused.out).not.toContain("reached-42");
  });

  it("a host presenting another key than the pinned one is refused (StrictHostKeyChecking)", () => {
    const line = viaGatewaySshCommand(endpoint("br-0042-h01", host.port), endpoint("br-0042-gw", gw.port));
    const swapped = knownHostsText("BR-0042", [
      entry("br-0042-gw", gw.hostKeyPubPath),
      entry("br-0042-h01", gw.hostKeyPubPath), // the gateway's key filed as the host's
    ]);
    const r = runLine(line, swapped);
    expect(r.status).not.toBe(0);
    expect(r.out).not.toContain("reached-42");
    expect(r.out).toMatch(/HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
  });
});
