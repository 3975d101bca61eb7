import { existsSync, rmSync } from "node:fs";
import { freemem } from "node:os";
import path from "node:path";
import { teardown } from "./exit-guard";
import { DEFAULT_INVENTORY_PATH, readInventory } from "./inventory";
import { Lab } from "./lab";
import { checkLabShape } from "./lab-plan";
import { isRecordAlive, readSlots, reapStale } from "./slots";
import { sshdPid } from "./sshd";
import { boxDir } from "./boxes";
import { processesIn, pssKiB, runNamespaces } from "./reaper";

const USAGE = `usage: npm run lab -- <command> [options]
  up --branches B --hosts H [--first-branch N] [--inventory FILE] [--concurrency N]
                       build a lab and leave it running; writes the inventory JSON
  status [--inventory FILE]   what the inventory's lab looks like now, and every run on this machine
  down [--inventory FILE]     remove that lab;  down --all  removes every lab run on this machine
  guest-off HOST | guest-on HOST [--inventory FILE]   power a host's guest off/on (HOST or guest name)
  exec BOX -- ARGV...         run a command inside a box (hq, br-0001-gw, br-0001-h01, BR0001-WS01, br-0001-sw)
  reap                        remove leftovers of dead runs
The inventory defaults to ${path.relative(process.cwd(), DEFAULT_INVENTORY_PATH)}. Needs root.`;

function parse(argv: string[]): { cmd: string; pos: string[]; opts: Map<string, string>; rest: string[] } {
  const dd = argv.indexOf("--");
  const head = dd >= 0 ? argv.slice(0, dd) : argv;
  const rest = dd >= 0 ? argv.slice(dd + 1) : [];
  const [cmd = "help", ...args] = head;
  const pos: string[] = [];
  const opts = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--all") opts.set("all", "1");
    else if (a.startsWith("--")) {
      const v = args[i + 1];
      if (v === undefined || v.startsWith("--")) throw new Error(`option ${a} needs a value`);
      opts.set(a.slice(2), v);
      i++;
    } else pos.push(a);
  }
  return { cmd, pos, opts, rest };
}

function intOpt(opts: Map<string, string>, name: string, field: string): number | undefined {
  const v = opts.get(name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new Error(`--${name} (${field}) must be a whole number, got ${JSON.stringify(v)}`);
  return Number(v);
}

async function up(opts: Map<string, string>, inventory: string): Promise<void> {
  if (existsSync(inventory)) {
    const inv = await readInventory(inventory).catch(() => undefined);
    if (inv && existsSync(`/run/netns/${inv.hq.netns}`)) {
      throw new Error(
        `a lab (${inv.prefix}) is already up per ${inventory}: ` +
          `run \`npm run lab -- down\` first, or pass --inventory OTHER.json`,
      );
    }
  }
  const shape = {
    branches: intOpt(opts, "branches", "branches") ?? 1,
    hostsPerBranch: intOpt(opts, "hosts", "hostsPerBranch") ?? 2,
    firstBranchNumber: intOpt(opts, "first-branch", "firstBranchNumber"),
  };
  const problems = Object.entries(checkLabShape(shape));
  if (problems.length) throw new Error(problems.map(([f, p]) => `${f}: ${p}`).join("\n"));
  const mem0 = freemem();
  const t0 = Date.now();
  const lab = await Lab.up({
    ...shape,
    persistent: true,
    inventoryPath: inventory,
    concurrency: intOpt(opts, "concurrency", "concurrency"),
    log: (m) => console.log(`[lab] ${m}`),
  });
  const hosts = shape.branches * shape.hostsPerBranch;
  console.log(
    `[lab] up: ${shape.branches} branches, ${hosts} hosts in ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
      `memory used ~${((mem0 - freemem()) / 2 ** 20).toFixed(0)} MiB`,
  );
  console.log(`[lab] inventory: ${inventory}`);
  console.log(`[lab] ssh key: ${lab.inventory.ssh.privateKeyPath}; gateways from HQ or this shell, e.g.`);
  const gw = lab.inventory.branches[0]!.gateway;
  console.log(
    `      ssh -i ${lab.inventory.ssh.privateKeyPath} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null ` +
      `root@${gw.hqAddress} hostname`,
  );
}

async function status(inventory: string): Promise<void> {
  if (existsSync(inventory)) {
    const inv = await readInventory(inventory);
    const lab = await Lab.attach(inventory);
    const up = existsSync(`/run/netns/${inv.hq.netns}`);
    console.log(
      `lab ${inv.prefix} (slot ${inv.slot}, ${inv.createdAt}): ${up ? "up" : "GONE"}; ` +
        `HQ ${inv.hq.ip}, lab range ${inv.hq.labCidr}`,
    );
    const pids = processesIn(runNamespaces(inv.prefix));
    console.log(
      `  ${pids.length} processes (sshds and namespace holders), ${(pssKiB(pids) / 1024).toFixed(1)} MiB PSS`,
    );
    if (up) {
      for (const b of inv.branches) {
        const gwSshd = (await sshdPid(boxDir(inv.runDir, b.gateway.netns))) ? "sshd up" : "sshd DOWN";
        console.log(`  ${b.code} ${b.lanCidr}  ${b.gateway.hostname} ${b.gateway.hqAddress} (${gwSshd})`);
        for (const h of b.hosts) {
          const sshd = (await sshdPid(boxDir(inv.runDir, h.netns))) ? "sshd up" : "sshd DOWN";
          console.log(
            `    ${h.hostname} ${h.linkLocalIp} (${sshd})  ` +
              `guest ${h.guest.name} ${h.guest.ip} ${await lab.guestState(h.hostname)}`,
          );
        }
      }
    }
  } else console.log(`no inventory at ${inventory}`);
  const slots = readSlots();
  console.log(`runs on this machine: ${slots.length ? "" : "none"}`);
  for (const r of slots)
    console.log(
      `  slot ${r.slot}: ${r.prefix} ${r.persistent ? "persistent" : `pid ${r.pid}`} ` +
        `${isRecordAlive(r) ? "alive" : "dead (reap)"}`,
    );
}

async function main(): Promise<void> {
  const { cmd, pos, opts, rest } = parse(process.argv.slice(2));
  const inventory = path.resolve(opts.get("inventory") ?? DEFAULT_INVENTORY_PATH);
  if (cmd === "help" || cmd === "--help") return void console.log(USAGE);
  if (process.getuid?.() !== 0)
    throw new Error("the branch lab needs root (network namespaces, veth pairs, sshd): run as root");
  switch (cmd) {
    case "up":
      return up(opts, inventory);
    case "status":
      return status(inventory);
    case "reap":
      return void console.log(`reaped: ${reapStale().join(", ") || "nothing"}`);
    case "down":
      if (opts.has("all")) {
        for (const r of readSlots()) teardown(r);
        console.log(`reaped: ${reapStale().join(", ") || "nothing else"}`);
      } else {
        await (await Lab.attach(inventory)).down();
      }
      rmSync(inventory, { force: true });
      return void console.log("[lab] down");
    case "guest-off":
    case "guest-on": {
      if (!pos[0]) throw new Error(`${cmd} needs a host name (e.g. br-0001-h01)`);
      const lab = await Lab.attach(inventory);
      await (cmd === "guest-off" ? lab.guestOff(pos[0]) : lab.guestOn(pos[0]));
      return void console.log(`${pos[0]}: guest ${await lab.guestState(pos[0])}`);
    }
    case "exec": {
      if (!pos[0] || rest.length === 0) throw new Error("usage: exec BOX -- ARGV...");
      const r = await (await Lab.attach(inventory)).exec(pos[0], rest, { allowFailure: true });
      process.stdout.write(r.stdout);
      process.stderr.write(r.stderr);
      process.exitCode = r.code;
      return;
    }
    default:
      throw new Error(`unknown command ${JSON.stringify(cmd)}\n${USAGE}`);
  }
}

main().catch((e: Error) => {
  console.error(`lab: ${e.message}`);
  process.exitCode = 1;
});
