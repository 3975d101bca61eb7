import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "ssh2";
import type { LabHost, LabInventory } from "./inventory";
import { Lab } from "./lab";
import { run } from "@/lib/testing/proc";
import { applySeedRules } from "./seed-rules";
import { fingerprintOfKeyBlob, fingerprintOfPublicKey } from "./sshd";

/** ssh-keyscan from HQ: the SSH banner (stderr comment) and host key fingerprint at ip:22, if any. */
async function scanFromHq(lab: Lab, ip: string): Promise<{ banner?: string; fingerprint?: string }> {
  const r = await lab.fromHq(["ssh-keyscan", "-T", "3", "-t", "ed25519", ip], { allowFailure: true });
  const line = r.stdout.split("\n").find((l) => l.startsWith(`${ip} ssh-ed25519 `));
  return {
    banner: /SSH-2\.0-\S+/.exec(r.stderr)?.[0],
    fingerprint: line ? fingerprintOfPublicKey(line.slice(ip.length + 1)) : undefined,
  };
}

/** An ssh2 session from the ROOT namespace (where the dashboard runs), capturing the host key it was shown. */
function ssh2FromRoot(
  inv: LabInventory,
  address: string,
  command: string,
): Promise<{ fingerprint: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const conn = new Client();
    let fingerprint = "";
    let stdout = "";
    conn.on("ready", () => {
      conn.exec(command, (e, stream) => {
        if (e) return reject(e);
        stream.on("data", (d: Buffer) => (stdout += d.toString()));
        stream.on("close", () => {
          conn.end();
          resolve({ fingerprint, stdout });
        });
      });
    });
    conn.on("error", reject);
    conn.connect({
      host: address,
      port: 22,
      username: "root",
      readyTimeout: 5000,
      privateKey: readFileSync(inv.ssh.privateKeyPath),
      hostVerifier: (key: Buffer) => {
        fingerprint = fingerprintOfKeyBlob(key);
        return true;
      },
    });
  });
}

/** Starts an HTTP listener in HQ that answers with the source address it saw. */
async function hqEchoListener(lab: Lab, port: number): Promise<() => void> {
  const script = `require("http").createServer((q, s) => s.end(q.socket.remoteAddress))
    .listen(Number(process.argv[2]), process.argv[1], () => console.log("listening"));`;
  const child = await lab.spawn("hq", [process.execPath, "-e", script, lab.inventory.hq.ip, String(port)]);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("listening") && resolve());
    child.on("exit", (code) => reject(new Error(`HQ listener exited (${code})`)));
  });
  return () => child.kill("SIGKILL");
}

const curlArgv = (lab: Lab, port: number) => [
  "curl",
  "-s",
  "--noproxy",
  "*",
  "--max-time",
  "3",
  `http://${lab.inventory.hq.ip}:${port}/`,
];

describe("branch lab: a branch wired like the bank's", () => {
  let lab: Lab;
  let hosts: LabHost[];
  beforeAll(async () => {
    lab = await Lab.up({ branches: 2, hostsPerBranch: 2 });
    hosts = lab.inventory.branches.flatMap((b) => b.hosts);
  });
  afterAll(async () => {
    await lab?.down();
  });

  it("before any rules: HQ reaches every gateway over SSH, with the inventory's host key", async () => {
    for (const b of lab.inventory.branches) {
      const gw = b.gateway;
      const r = await lab.fromHq(lab.sshArgv(gw.hostname, ["hostname"]));
      expect(r.stdout.trim()).toBe(gw.hostname);
      const fromRoot = await ssh2FromRoot(lab.inventory, gw.hqAddress, "cat /etc/hostname");
      expect(fromRoot).toEqual({ fingerprint: gw.hostKeyFingerprint, stdout: `${gw.hostname}\n` });
    }
  });

  it("before any rules: HQ -> guest IP:22 finds nothing, and a host cannot reach HQ", async () => {
    for (const h of hosts)
      expect(await scanFromHq(lab, h.guest.ip)).toEqual({ banner: undefined, fingerprint: undefined });
    const stop = await hqEchoListener(lab, 8080);
    try {
      const r = await lab.exec(hosts[0]!.hostname, curlArgv(lab, 8080), { allowFailure: true });
      expect(r.code).not.toBe(0); // HQ has no route back to 169.254.0.0/16
    } finally {
      stop();
    }
  });

  it("each host has its own name, shims, sysfs and per-namespace bridge-nf setting", async () => {
    const [h1, h2] = [hosts[0]!, hosts[1]!];
    const r = await lab.exec(h1.hostname, [
      "sh",
      "-c",
      'hostname; cat /etc/hostname; virsh domstate "$1"; ' +
        "ls /sys/class/net; sysctl -n net.bridge.bridge-nf-call-iptables",
      "sh",
      h1.guest.domain,
    ]);
    expect(r.stdout.split("\n")).toEqual([
      h1.hostname,
      h1.hostname,
      "running",
      "",
      "eth0",
      "lo",
      "virbr0",
      "vnet0",
      "0",
      "",
    ]);
    await lab.exec(h1.hostname, ["sysctl", "-qw", "net.bridge.bridge-nf-call-iptables=1"]);
    expect((await lab.exec(h2.hostname, ["sysctl", "-n", "net.bridge.bridge-nf-call-iptables"])).stdout.trim()).toBe(
      "0",
    );
    await lab.exec(h1.hostname, ["sysctl", "-qw", "net.bridge.bridge-nf-call-iptables=0"]);
    expect((await lab.exec(h1.hostname, ["virsh", "domstate", "nope"], { allowFailure: true })).stderr).toMatch(
      /failed to get domain 'nope'/,
    );
    // virsh destroy/start on the host power the guest namespace's NIC, like lab.guestOff/On.
    await lab.exec(h2.hostname, ["virsh", "destroy", h2.guest.domain]);
    expect(await lab.guestState(h2.guest.name)).toBe("shut off");
    await lab.exec(h2.hostname, ["virsh", "start", h2.guest.domain]);
    expect(await lab.guestState(h2.hostname)).toBe("running");
  });

  describe("with the seed rules applied by seed-rules.sh", () => {
    beforeAll(async () => {
      await applySeedRules(lab);
    });

    it("HQ -> guest IP:22 answers with the host's own SSH banner and host key", async () => {
      for (const h of hosts) {
        expect(await scanFromHq(lab, h.guest.ip)).toEqual({
          banner: expect.stringMatching(/^SSH-2\.0-OpenSSH/),
          fingerprint: h.hostKeyFingerprint,
        });
      }
      // Same-numbered hosts in two branches share 169.254.1.10: the guest IP tells them apart.
      const [a, b] = [lab.inventory.branches[0]!.hosts[0]!, lab.inventory.branches[1]!.hosts[0]!];
      expect(a.linkLocalIp).toBe(b.linkLocalIp);
      expect(a.hostKeyFingerprint).not.toBe(b.hostKeyFingerprint);
    });

    it("the root namespace (the dashboard) reaches a host through its guest IP with ssh2", async () => {
      const h = hosts[3]!;
      expect(await ssh2FromRoot(lab.inventory, h.hqAddress, "hostname")).toEqual({
        fingerprint: h.hostKeyFingerprint,
        stdout: `${h.hostname}\n`,
      });
    });

    it("still reaches the host with its guest powered off, and virsh sees it off", async () => {
      const h = hosts[0]!;
      await lab.guestOff(h.hostname);
      try {
        expect(await lab.guestState(h.hostname)).toBe("shut off");
        const r = await lab.fromHq(lab.sshArgv(h.hostname, ["virsh", "domstate", h.guest.domain]));
        expect(r.stdout.trim()).toBe("shut off");
        expect((await scanFromHq(lab, h.guest.ip)).fingerprint).toBe(h.hostKeyFingerprint);
      } finally {
        await lab.guestOn(h.hostname);
      }
      expect((await lab.exec(h.hostname, ["virsh", "domstate", h.guest.domain])).stdout.trim()).toBe("running");
    });

    it("a host reaches HQ through the gateway's second SNAT rule: HQ sees the gateway's LAN address", async () => {
      const stop = await hqEchoListener(lab, 8081);
      try {
        for (const b of lab.inventory.branches) {
          const r = await lab.exec(b.hosts[1]!.hostname, curlArgv(lab, 8081));
          expect(r.stdout).toBe(b.gateway.lanIp);
        }
      } finally {
        stop();
      }
    });

    it("a host also reaches the root namespace (where the dashboard listens) at hq.rootIp", async () => {
      const server = createServer((q, s) => s.end(q.socket.remoteAddress));
      await new Promise<void>((r) => server.listen(0, lab.inventory.hq.rootIp, r));
      const port = (server.address() as AddressInfo).port;
      try {
        const b = lab.inventory.branches[1]!;
        const url = `http://${lab.inventory.hq.rootIp}:${port}/`;
        const r = await lab.exec(b.hosts[0]!.hostname, ["curl", "-s", "--noproxy", "*", "--max-time", "3", url]);
        expect(r.stdout).toBe(b.gateway.lanIp);
      } finally {
        server.close();
      }
    });

    it("with bridge-nf-call-iptables=0 on the host the REDIRECT never sees the SYN and the path breaks", async () => {
      const h = hosts[2]!;
      await lab.exec(h.hostname, ["sysctl", "-qw", "net.bridge.bridge-nf-call-iptables=0"]);
      try {
        // The SYN is bridged on to the guest, where nothing listens.
        expect(await scanFromHq(lab, h.guest.ip)).toEqual({ banner: undefined, fingerprint: undefined });
      } finally {
        await lab.exec(h.hostname, ["sysctl", "-qw", "net.bridge.bridge-nf-call-iptables=1"]);
      }
      expect((await scanFromHq(lab, h.guest.ip)).fingerprint).toBe(h.hostKeyFingerprint);
    });

    it("hosts take SSH from link-local sources only: without the LAN SNAT the support path is refused", async () => {
      const b = lab.inventory.branches[1]!;
      const h = b.hosts[0]!;
      const snat = [
        "POSTROUTING",
        ...["-o", b.gateway.lanIfname, "-d", h.guest.ip, "-p", "tcp", "--dport", "22"],
        ...["-j", "SNAT", "--to-source", b.gateway.linkLocalIp],
      ];
      expect((await lab.fromHq(lab.sshArgv(h.hostname, ["hostname"]))).stdout.trim()).toBe(h.hostname);
      await lab.exec(b.gateway.hostname, ["iptables", "-t", "nat", "-D", ...snat]);
      try {
        // The TCP path still works (the host routes replies via its gateway), so only sshd's own rule refuses.
        expect((await scanFromHq(lab, h.guest.ip)).fingerprint).toBe(h.hostKeyFingerprint);
        const r = await lab.fromHq(lab.sshArgv(h.hostname, ["hostname"]), { allowFailure: true });
        expect(r.code).not.toBe(0);
        expect(r.stdout).not.toContain(h.hostname);
      } finally {
        await lab.exec(b.gateway.hostname, ["iptables", "-t", "nat", "-I", ...snat]);
      }
      expect((await lab.fromHq(lab.sshArgv(h.hostname, ["hostname"]))).stdout.trim()).toBe(h.hostname);
    });

    it("re-applying the seed script does not duplicate rules", async () => {
      const h = hosts[0]!;
      const before = await lab.exec(h.hostname, ["iptables-save", "-t", "nat"]);
      await applySeedRules(lab);
      const strip = (s: string) =>
        s
          .split("\n")
          .filter((l) => !l.startsWith("#"))
          .join("\n");
      expect(strip((await lab.exec(h.hostname, ["iptables-save", "-t", "nat"])).stdout)).toBe(strip(before.stdout));
      expect(
        (await lab.exec(h.hostname, ["ebtables", "-t", "nat", "-L", "PREROUTING"])).stdout.match(/-j arpreply/g),
      ).toHaveLength(1);
    });
  });

  it("an ssh command through the lab's sshd is fast (no pyenv .bashrc): timing is logged, not asserted", async () => {
    const gw = lab.inventory.branches[0]!.gateway;
    const argv = lab.sshArgv(gw.hostname, ["true"]);
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) await run(argv);
    console.log(
      `[lab] ssh ... true from the root namespace: ${((performance.now() - t0) / 5).toFixed(0)} ms per command`,
    );
    expect((await lab.exec(gw.hostname, ["sh", "-c", 'ls -A "$HOME"'])).stdout.trim()).toBe("");
  });
});
