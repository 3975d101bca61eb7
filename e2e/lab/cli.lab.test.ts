import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readInventory } from "./inventory";
import { Lab } from "./lab";
import { run } from "@/lib/testing/proc";
import { runNamespaces } from "./reaper";

const REPO = path.resolve(__dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "lab-cli-"));
const inventory = path.join(dir, "inventory.json");
const cli = (command: string, ...args: string[]) =>
  run(
    [
      process.execPath,
      "--import",
      "tsx",
      path.join(REPO, "e2e/lab/cli.ts"),
      command,
      "--inventory",
      inventory,
      ...args,
    ],
    { allowFailure: true },
  );

describe("npm run lab", () => {
  afterAll(async () => {
    if (existsSync(inventory)) await (await Lab.attach(inventory)).down(); // only if a test failed midway
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a bad shape, naming the field", async () => {
    const r = await cli("up", "--branches", "0", "--hosts", "2");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/branches: must be an integer from 1 to 63, got 0/);
    expect(existsSync(inventory)).toBe(false);
  });

  it(
    "up builds a lab that outlives the command, " + "status/guest-off/exec/guest-on act on it, down removes it",
    async () => {
      const up = await cli("up", "--branches", "1", "--hosts", "2", "--first-branch", "41");
      expect(up.code, up.stderr).toBe(0);
      expect(up.stdout).toContain(`inventory: ${inventory}`);
      const inv = await readInventory(inventory);
      const [h1] = inv.branches[0]!.hosts;
      expect(inv.branches[0]!.code).toBe("BR-0041");
      expect(runNamespaces(inv.prefix)).toHaveLength(7); // hq, switch, gateway, 2 hosts, 2 guests

      const again = await cli("up", "--branches", "1", "--hosts", "1");
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already up/);

      expect((await cli("status")).stdout).toContain(
        `${h1!.hostname} ${h1!.linkLocalIp} (sshd up)  guest ${h1!.guest.name} ${h1!.guest.ip} running`,
      );
      expect((await cli("guest-off", h1!.hostname)).stdout.trim()).toBe(`${h1!.hostname}: guest shut off`);
      const state = await cli("exec", h1!.hostname, "--", "virsh", "domstate", h1!.guest.domain);
      expect(state.stdout.trim()).toBe("shut off");
      expect((await cli("guest-on", h1!.guest.name)).stdout.trim()).toBe(`${h1!.guest.name}: guest running`);

      const down = await cli("down");
      expect(down.code, down.stderr).toBe(0);
      expect(runNamespaces(inv.prefix)).toEqual([]);
      expect(existsSync(inventory)).toBe(false);
      expect(existsSync(inv.runDir)).toBe(false);
    },
  );
});
