/**
 * The host rule set doing its job in a real kernel, not only reading back:
 * a "gateway" namespace that speaks link-local (as the real gateway's SNAT
 * makes it) connects to the guest IP's port 22; the host's arpreply answers
 * for the absent guest and the REDIRECT hands the connection to the host's
 * own listener (a stand-in for sshd). With bridge-nf-call-iptables=0 the
 * same connection never reaches the listener: the setting is load-bearing.
 * The rules are applied by the real agent (agents/testing/rule-box.ts).
 */
import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { useAgentLabs } from "@/agents/testing/agent-lab";
import { applyBranch, BACKENDS } from "@/agents/testing/rule-box";
import {
  addAddress,
  createNetns,
  deleteNetns,
  linkNamespaces,
  setMaster,
  spawnIn,
  type Netns,
} from "@/lib/testing/netns";
import { BRANCHES } from "./testdata/branches";

const branch = BRANCHES.find((b) => b.name === "host-one-guest")!;
const GUEST_IP = "203.0.113.10";
const GUEST_MAC = "52:54:00:01:02:0a";
const opened: Netns[] = [];
const procs: ChildProcess[] = [];
const { lab: agentLab } = useAgentLabs();
afterAll(async () => {
  for (const p of procs) p.kill("SIGKILL");
  await Promise.all(opened.map(deleteNetns));
});

const SERVER =
  `require("net").createServer((s) => s.end("host-sshd-stand-in\\n"))` +
  `.listen(22, "0.0.0.0", () => console.log("listening"))`;
const CLIENT = `const s = require("net").connect(22, "${GUEST_IP}");
s.setTimeout(3000, () => { console.log("timeout"); process.exit(0); });
s.on("data", (d) => { process.stdout.write(d); process.exit(0); });
s.on("error", (e) => { console.log("error " + e.code); process.exit(0); });`;

async function lab() {
  const box = { l: await agentLab("dash", { bridges: ["virbr0"], links: [] }), env: {}, backend: BACKENDS[0]! };
  const host = box.l.ns;
  const gw = await createNetns();
  opened.push(gw);
  await linkNamespaces(host, "eth0", gw, "lan0");
  await setMaster(host, "eth0", "virbr0");
  await addAddress(host, "virbr0", "169.254.1.2/16");
  await addAddress(gw, "lan0", "169.254.1.1/16");
  await gw.run(["ip", "route", "add", "203.0.113.0/24", "dev", "lan0"]);
  const server = spawnIn(host, ["node", "-e", SERVER]);
  procs.push(server);
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on("data", (d: Buffer) => d.toString().includes("listening") && resolve());
    server.on("exit", (code) => reject(new Error(`listener exited ${code}`)));
  });
  return { box, host, gw };
}

describe("host rules in a real data path", () => {
  it("guest IP:22 reaches the host's listener with the guest absent; the LAN learns the guest's MAC", async () => {
    const { box, gw } = await lab();
    await applyBranch(box, branch, "t1");
    expect((await gw.run(["node", "-e", CLIENT])).trim()).toBe("host-sshd-stand-in");
    expect(await gw.run(["ip", "neigh", "show", GUEST_IP, "dev", "lan0"])).toContain(`lladdr ${GUEST_MAC}`);
  });

  it("without bridge-nf-call-iptables=1 the REDIRECT never sees the bridged frames", async () => {
    const { box, host, gw } = await lab();
    await applyBranch(box, branch, "t1");
    await host.run(["sysctl", "-q", "-w", "net.bridge.bridge-nf-call-iptables=0"]);
    expect((await gw.run(["node", "-e", CLIENT])).trim()).not.toBe("host-sshd-stand-in");
  });
});
