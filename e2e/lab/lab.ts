import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { shellCommand } from "@/lib/domain/shell-quote";
import { boxTable, findBox, findHost, findSshBox, type Box } from "./boxes";
import { buildLab } from "./build";
import { foreignNatRestore, foreignNatRules } from "./foreign-rules";
import { readInventory, writeInventory, type LabInventory } from "./inventory";
import { checkLabShape, planLab, type LabShape } from "./lab-plan";
import { netnsPath } from "@/lib/testing/netns";
import { asProcessEnv, run, type ExecOptions, type ExecResult } from "@/lib/testing/proc";
import { guardRun, releaseGuard, teardown } from "./exit-guard";
import { claimSlot, markPersistent, readSlots, type SlotRecord } from "./slots";
import { holderPid, startSshd, stopSshd } from "./sshd";

export interface LabUpOptions extends LabShape {
  /** Also write the inventory JSON here. */
  inventoryPath?: string;
  /** Outlive this process (the CLI). Otherwise the lab is removed when the process exits or is signalled. */
  persistent?: boolean;
  /** Namespaces booted in parallel; the work is process spawning, CPU-bound on 2 cores. */
  concurrency?: number;
  log?: (msg: string) => void;
  /** Public key lines every gateway and host also accepts (e.g. a dashboard's BRANCHDESK_SSH_KEY). */
  extraAuthorizedKeys?: readonly string[];
}

/**
 * The environment `exec` gives commands: what an sshd session gets on Debian
 * (same PATH, so shims resolve the same way), not the test runner's.
 */
const BOX_ENV: Record<string, string> = {
  PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  HOME: "/root",
  LANG: "C",
};

/** Fails early, saying what is missing, instead of deep inside a boot script. */
export function requireRoot(): void {
  if (process.getuid?.() !== 0) {
    throw new Error("the branch lab needs root (it creates network namespaces, veth pairs and runs sshd): run as root");
  }
  if (!existsSync("/usr/sbin/sshd"))
    throw new Error("the branch lab needs /usr/sbin/sshd: apt-get install -y openssh-server");
  if (!existsSync("/proc/sys/net/bridge")) {
    throw new Error("the branch lab needs br_netfilter (/proc/sys/net/bridge is missing): modprobe br_netfilter");
  }
}

export class Lab {
  private readonly boxes: Map<string, Box>;
  private constructor(
    readonly inventory: LabInventory,
    private slot: SlotRecord | undefined,
  ) {
    this.boxes = boxTable(inventory);
  }

  static async up(opts: LabUpOptions): Promise<Lab> {
    const problems = Object.entries(checkLabShape(opts)).map(([field, problem]) => `${field} ${problem}`);
    if (problems.length) throw new Error(`invalid lab shape: ${problems.join("; ")}`);
    requireRoot();
    const log = opts.log ?? (() => {});
    const record = claimSlot();
    // Guarded while it is built even when persistent: a Ctrl-C during `lab up` leaves nothing.
    guardRun(record);
    try {
      const plan = planLab(record.prefix, record.slot, opts);
      log(`run ${record.prefix} in slot ${record.slot}: ${opts.branches} branches x ${opts.hostsPerBranch} hosts`);
      const inventory = await buildLab(plan, {
        runDir: record.runDir,
        concurrency: opts.concurrency ?? 6,
        log,
        extraAuthorizedKeys: opts.extraAuthorizedKeys,
      });
      await writeInventory(path.join(record.runDir, "inventory.json"), inventory);
      if (opts.inventoryPath) await writeInventory(opts.inventoryPath, inventory);
      if (!opts.persistent) return new Lab(inventory, record);
      const persistent = markPersistent(record);
      releaseGuard(record.prefix);
      return new Lab(inventory, persistent);
    } catch (e) {
      teardown(record);
      throw e;
    }
  }

  /** A handle on a running lab from its inventory file (the CLI's status/down/guest-off). */
  static async attach(inventoryPath: string): Promise<Lab> {
    const inv = await readInventory(inventoryPath);
    return new Lab(
      inv,
      readSlots().find((r) => r.prefix === inv.prefix),
    );
  }

  get prefix(): string {
    return this.inventory.prefix;
  }

  /** Names of every box: "hq", switches, gateways, hosts, guests. */
  boxNames(): string[] {
    return [...new Set(this.boxes.values())].map((b) => b.name);
  }

  /**
   * Runs argv inside a box. Gateways and hosts are entered through their
   * holder process (network, mount and UTS namespaces): the same view an ssh
   * session has, shims and hostname included. Others get their network only.
   * Throws on a non-zero exit unless `allowFailure`.
   */
  async exec(box: string, argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    return run(await this.enter(findBox(this.boxes, box), argv), { ...opts, env: BOX_ENV });
  }

  fromHq(argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    return this.exec("hq", argv, opts);
  }

  /** Starts a long-running process in a box (a listener, a tcpdump); the caller kills it. */
  async spawn(box: string, argv: readonly string[]): Promise<ChildProcess> {
    const [file, ...args] = await this.enter(findBox(this.boxes, box), argv);
    return spawn(file!, args, { stdio: ["ignore", "pipe", "pipe"], env: asProcessEnv(BOX_ENV) });
  }

  /**
   * The ssh argv that reaches a box from HQ at its hqAddress, with the host key
   * pinned by name (HostKeyAlias): link-local addresses repeat, so known_hosts
   * must not be keyed by address. Run it with fromHq(), or in the root namespace.
   */
  sshArgv(box: string, remote: readonly string[], extra: readonly string[] = []): string[] {
    const b = findSshBox(this.boxes, box);
    const target = b.kind === "host" ? b.host : b.gateway;
    return [
      "ssh",
      "-F",
      "/dev/null",
      "-i",
      this.inventory.ssh.privateKeyPath,
      "-o",
      "BatchMode=yes",
      "-o",
      "IdentitiesOnly=yes",
      "-o",
      "ConnectTimeout=5",
      "-o",
      "LogLevel=ERROR",
      "-o",
      `UserKnownHostsFile=${path.join(this.inventory.runDir, "known_hosts")}`,
      "-o",
      "StrictHostKeyChecking=yes",
      "-o",
      `HostKeyAlias=${target.hostname}`,
      "-p",
      String(target.sshPort),
      ...extra,
      `${target.sshUser}@${target.hqAddress}`,
      "--",
      shellCommand(remote),
    ];
  }

  guestOff(host: string): Promise<void> {
    return this.setGuest(host, "down");
  }
  guestOn(host: string): Promise<void> {
    return this.setGuest(host, "up");
  }

  async guestState(host: string): Promise<"running" | "shut off"> {
    const h = findHost(this.boxes, host);
    const r = await run(["ip", "-n", h.netns, "-o", "link", "show", "dev", h.tapIfname]);
    return /[<,]LOWER_UP[,>]/.test(r.stdout) ? "running" : "shut off";
  }

  stopSshd(box: string): Promise<void> {
    return stopSshd(findSshBox(this.boxes, box).dir);
  }
  startSshd(box: string): Promise<void> {
    return startSshd(findSshBox(this.boxes, box).dir);
  }

  /** Adds libvirt-style nat rules (idempotent); returns them as `iptables -t nat -S` lines. */
  async addForeignNatRules(box: string): Promise<string[]> {
    const b = findSshBox(this.boxes, box);
    const host = b.kind === "host" ? b.host : undefined;
    const present = await this.exec(box, ["iptables", "-t", "nat", "-S", "LIBVIRT_PRT"], { allowFailure: true });
    if (present.code !== 0) await this.exec(box, ["iptables-restore", "--noflush"], { input: foreignNatRestore(host) });
    return foreignNatRules(host);
  }

  /** Removes every namespace, process, root link/route and file of this run. */
  async down(): Promise<void> {
    teardown(this.slot ?? { prefix: this.prefix, runDir: this.inventory.runDir });
  }

  private async setGuest(host: string, state: "up" | "down"): Promise<void> {
    const h = findHost(this.boxes, host);
    await run(["ip", "-n", h.guest.netns, "link", "set", "dev", h.guest.ifname, state]);
  }

  private async enter(box: Box, argv: readonly string[]): Promise<string[]> {
    if (argv.length === 0) throw new Error(`exec on ${box.name}: empty argv`);
    if (box.kind === "gateway" || box.kind === "host") {
      return ["nsenter", "-t", String(await holderPid(box.dir)), "-n", "-m", "-u", "--", ...argv];
    }
    return ["nsenter", `--net=${netnsPath(box.netns)}`, "--", ...argv];
  }
}
