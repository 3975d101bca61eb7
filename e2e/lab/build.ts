import { mkdirSync } from "node:fs";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { bootBox, bootNets } from "./boot";
import { boxDir } from "./boxes";
import type { LabInventory } from "./inventory";
import {
  guestBatch,
  gatewayBatch,
  hostBatch,
  hqBatch,
  netnsAddBatch,
  rootCreateBatch,
  rootRouteBatch,
  switchBatch,
  sysctlList,
  SYSCTLS,
} from "./ip-batches";
import { planNamespaces, type LabPlan } from "./lab-plan";
import { ipBatch } from "@/lib/testing/netns";
import { pool } from "@/lib/testing/proc";
import { virshShim } from "./shims";
import { generateEd25519 } from "@/lib/ssh/generate-ed25519";
import { plainPath } from "@/lib/testing/sshd-config";
import { boxSshdConfig, fingerprintOfKeyBlob, hostKeyPath } from "./sshd";

interface BootJob {
  netns: string;
  dir: string;
  batch: string[];
  sysctls: Record<string, string>;
  /** Set for boxes with sshd: their hostname and PATH shims. */
  box?: { hostname: string; shims: Record<string, string>; linkLocalOnly?: boolean };
}

function jobs(plan: LabPlan, runDir: string): BootJob[] {
  const dir = (netns: string) => boxDir(runDir, netns);
  const list: BootJob[] = [
    { netns: plan.hq.netns, dir: dir(plan.hq.netns), batch: hqBatch(plan), sysctls: SYSCTLS.hq },
  ];
  for (const b of plan.branches) {
    list.push({ netns: b.switchNetns, dir: dir(b.switchNetns), batch: switchBatch(b), sysctls: SYSCTLS.switch });
    list.push({
      netns: b.gateway.netns,
      dir: dir(b.gateway.netns),
      batch: gatewayBatch(plan, b),
      sysctls: SYSCTLS.gateway,
      box: { hostname: b.gateway.hostname, shims: {} },
    });
    for (const h of b.hosts) {
      list.push({
        netns: h.netns,
        dir: dir(h.netns),
        batch: hostBatch(h),
        sysctls: SYSCTLS.host,
        box: { hostname: h.hostname, shims: { virsh: virshShim(h) }, linkLocalOnly: true },
      });
      list.push({ netns: h.guest.netns, dir: dir(h.guest.netns), batch: guestBatch(b, h), sysctls: SYSCTLS.guest });
    }
  }
  return list;
}

export interface BuildOptions {
  runDir: string;
  concurrency: number;
  log: (msg: string) => void;
  /** Public key lines also allowed into every box (a dashboard's own fleet key, for end-to-end runs). */
  extraAuthorizedKeys?: readonly string[];
}

/** Builds the plan's namespaces, links, addresses and sshds; returns the inventory. */
export async function buildLab(plan: LabPlan, opts: BuildOptions): Promise<LabInventory> {
  const key = path.join(opts.runDir, "id_ed25519");
  const all = jobs(plan, opts.runDir);
  mkdirSync("/run/sshd", { recursive: true }); // sshd's privilege-separation directory
  const client = generateEd25519(`branchdesk-lab-${plan.prefix}`);
  await writeFile(key, client.privatePem, { mode: 0o600 });
  await writeFile(key + ".pub", client.publicLine + "\n");
  const authorized = path.join(opts.runDir, "authorized_keys");
  await writeFile(
    authorized,
    [client.publicLine, ...(opts.extraAuthorizedKeys ?? []).map((l) => l.trim())].join("\n") + "\n",
  );
  const fingerprints = new Map<string, string>();
  const knownHosts: string[] = [];
  await pool(all, 16, async (j) => {
    const hostKey = await writeBoxFiles(j, authorized);
    if (!hostKey || !j.box) return;
    fingerprints.set(j.netns, fingerprintOfKeyBlob(hostKey.publicBlob));
    // Keyed by hostname (ssh -o HostKeyAlias), never by address: link-local
    // and guest addresses are not unique across branches or runs.
    knownHosts.push(`${j.box.hostname} ${hostKey.publicLine.split(" ").slice(0, 2).join(" ")}`);
  });
  await writeFile(path.join(opts.runDir, "known_hosts"), knownHosts.sort().join("\n") + "\n");

  const t0 = Date.now();
  await ipBatch([...netnsAddBatch(planNamespaces(plan)), ...rootCreateBatch(plan)]);
  opts.log(`${all.length} namespaces and their links created in ${Date.now() - t0} ms`);

  const t1 = Date.now();
  // Boxes with sshd first: they are the slow ones, so the pool stays full at the end.
  const nets = all.filter((j) => !j.box);
  const netChunks = Array.from({ length: Math.ceil(nets.length / 25) }, (_, i) => nets.slice(i * 25, i * 25 + 25));
  const work = [
    ...all
      .filter((j) => j.box)
      .map((j) => async () => {
        await bootBox(j.netns, j.dir, j.box!.hostname);
      }),
    ...netChunks.map((chunk) => () => bootNets(chunk)),
  ];
  await pool(work, opts.concurrency, (job) => job());
  await ipBatch(rootRouteBatch(plan));
  opts.log(`namespaces configured and ${all.filter((j) => j.box).length} sshds started in ${Date.now() - t1} ms`);
  return inventoryOf(plan, opts.runDir, key, fingerprints);
}

/** Writes a box's generated files; returns its new host key when it runs sshd. */
async function writeBoxFiles(j: BootJob, authorizedKeys: string) {
  await mkdir(j.dir, { recursive: true });
  await writeFile(path.join(j.dir, "ip.batch"), j.batch.join("\n") + "\n");
  await writeFile(
    path.join(j.dir, "sysctl.list"),
    sysctlList(j.sysctls)
      .map((l) => l + "\n")
      .join(""),
  );
  if (!j.box) return undefined;
  const bin = path.join(j.dir, "bin");
  const home = path.join(j.dir, "home"); // root's own empty home: no pyenv .bashrc
  await mkdir(bin, { recursive: true });
  await mkdir(home, { recursive: true });
  await mkdir(path.join(j.dir, "agent", "tmp"), { recursive: true }); // TMPDIR of its SSH sessions (sshd.ts)
  await writeFile(path.join(j.dir, "hostname"), j.box.hostname + "\n");
  await writeFile(
    path.join(j.dir, "sshd_config"),
    boxSshdConfig({ boxDir: j.dir, authorizedKeys, port: 22, linkLocalOnly: j.box.linkLocalOnly }),
  );
  // util-linux `mount -a -T` does all of a box's mounts in one process. The
  // sysfs source is named "labsysfs" so mount does not think /sys is already mounted.
  await writeFile(
    path.join(j.dir, "fstab"),
    [
      `${plainPath(path.join(j.dir, "hostname"))} /etc/hostname none bind 0 0`,
      `${plainPath(home)} /root none bind 0 0`,
      `${plainPath(bin)} /usr/local/sbin none bind 0 0`,
      "labsysfs /sys sysfs rw,nosuid,nodev,noexec 0 0",
      "",
    ].join("\n"),
  );
  for (const [name, text] of Object.entries(j.box.shims)) {
    await writeFile(path.join(bin, name), text);
    await chmod(path.join(bin, name), 0o755);
  }
  const hostKey = generateEd25519(j.box.hostname);
  await writeFile(hostKeyPath(j.dir), hostKey.privatePem, { mode: 0o600 });
  await writeFile(hostKeyPath(j.dir) + ".pub", hostKey.publicLine + "\n");
  return hostKey;
}

function inventoryOf(plan: LabPlan, runDir: string, key: string, fps: Map<string, string>): LabInventory {
  const fp = (netns: string) => fps.get(netns) ?? "";
  return {
    version: 1,
    prefix: plan.prefix,
    slot: plan.slot,
    createdAt: new Date().toISOString(),
    runDir,
    ssh: { user: "root", privateKeyPath: key, publicKeyPath: key + ".pub" },
    hq: {
      netns: plan.hq.netns,
      ip: plan.hq.ip,
      wanIp: plan.hq.wanIp,
      rootIfname: plan.hq.rootIfname,
      rootIp: plan.hq.rootIp,
      labCidr: plan.labCidr,
    },
    branches: plan.branches.map((b) => ({
      code: b.code,
      name: b.name,
      lanCidr: b.lanCidr,
      switchNetns: b.switchNetns,
      gateway: {
        hostname: b.gateway.hostname,
        netns: b.gateway.netns,
        sshUser: "root",
        sshPort: 22,
        hqAddress: b.gateway.wanIp,
        wanIfname: b.gateway.wanIfname,
        wanIp: b.gateway.wanIp,
        lanIfname: b.gateway.lanIfname,
        lanIp: b.gateway.lanIp,
        linkLocalIp: b.gateway.linkLocalIp,
        hostKeyFingerprint: fp(b.gateway.netns),
      },
      hosts: b.hosts.map((h) => ({
        hostname: h.hostname,
        netns: h.netns,
        nicIfname: h.nicIfname,
        nicMac: h.nicMac,
        bridge: h.bridge,
        tapIfname: h.tapIfname,
        linkLocalIp: h.linkLocalIp,
        sshUser: "root",
        sshPort: 22,
        hqAddress: h.guest.ip,
        hostKeyFingerprint: fp(h.netns),
        guest: {
          name: h.guest.name,
          domain: h.guest.domain,
          ifname: h.guest.ifname,
          mac: h.guest.mac,
          ip: h.guest.ip,
          netns: h.guest.netns,
        },
      })),
    })),
  };
}
