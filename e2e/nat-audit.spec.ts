import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { runTag, signIn } from "./sign-in";

/**
 * An auditor (a viewer) opens the fleet's NAT audit, filters the shadowed rules through the
 * URL, exports the report as CSV and JSON, and opens the gateway's Audit tab. Snapshots are
 * written as an audit leaves them (e2e/seed-nat-audit.ts): a real read needs the lab, which
 * lib/server/nat-audit/nat-audit.lab.test.ts drives. axe on the fleet view and the Audit tab.
 * Then an operator plans "Adopt hand-made rules" there and confirms it by count (the rollout it
 * starts cannot reach the seeded gateway; nat-adoption.lab.test.ts applies one for real), and
 * adopts on the whole branch from its page: both boxes' lines, the unaudited host named, a wrong
 * count refused naming `confirm`, the right one ONE rollout over the gateway and the host (its
 * scope checked through the API: the boxes are not reachable here either).
 */

const ROOT = path.resolve(__dirname, "..");

async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

function seedNatAudit(seed: Record<string, unknown>): void {
  const tsx = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");
  execFileSync(process.execPath, [tsx, "e2e/seed-nat-audit.ts", JSON.stringify(seed)], { cwd: ROOT, env: process.env });
}

test("an auditor opens the fleet NAT audit, filters shadowed rules, exports, and reads a gateway's Audit tab", async ({
  page,
}) => {
  test.setTimeout(600_000);
  const tag = runTag();
  const code = `NAT-${tag}`;
  const auditor = `auditor-${tag}`;
  const gatewayName = `nat-${tag}-gw`;
  await signIn(page);
  const send = async (url: string, data: unknown, method: "post" | "put" | "patch" = "post") => {
    const res = await page.request[method](url, { data });
    expect(res.status(), await res.text()).toBeLessThan(300);
    return res.json();
  };
  // 192.0.2.240/28, this spec's own LAN: the specs share one database and leave their branches.
  await send("/api/v1/branches", { code, name: `NAT ${tag}`, region: `NAT ${tag}`, lanCidr: "192.0.2.240/28" });
  await send(
    `/api/v1/branches/${code}/gateway`,
    { hostname: gatewayName, sshAddress: "198.51.100.250", lanIfname: "eth1", lanIp: "192.0.2.241" },
    "put",
  );
  const { host } = await send(`/api/v1/branches/${code}/hosts`, {
    hostname: `nat-${tag}-h01`,
    serial: `NAT-${tag}-1`,
    nicMac: `02:4f:${tag.slice(0, 2)}:${tag.slice(2, 4)}:${tag.slice(4, 6)}:01`,
    guest: { name: `WS-NAT-${tag.slice(-4)}`, domain: `win-nat-${tag}`, ip: "192.0.2.244" },
  });
  // A second host, never audited: the branch's adoption names it and leaves it out.
  await send(`/api/v1/branches/${code}/hosts`, {
    hostname: `nat-${tag}-h02`,
    serial: `NAT-${tag}-2`,
    nicMac: `02:4f:${tag.slice(0, 2)}:${tag.slice(2, 4)}:${tag.slice(4, 6)}:02`,
  });
  await send("/api/v1/users", { username: auditor, role: "viewer", password: "audit-trail-4-nat" });
  const detail = await (await page.request.get(`/api/v1/branches/${code}`)).json();
  seedNatAudit({
    branchCode: code,
    gatewayId: detail.branch.gateway.id,
    gatewayName,
    hostId: host.id,
    hostName: `nat-${tag}-h01`,
    guestIp: "192.0.2.244",
    staleIp: "192.0.2.245",
  });
  await page.context().clearCookies();
  await signIn(page, auditor, "audit-trail-4-nat");

  await test.step("the fleet view counts every class per box; a viewer cannot run an audit; axe", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "NAT audit" }).click();
    await expect(page).toHaveURL(/\/nat-audit$/);
    await page.getByLabel("Branch").fill(code);
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(new RegExp(`branch=${code}`));
    const table = page.getByRole("table", { name: "Latest NAT audit per box" });
    await expect(table.getByRole("row")).toHaveCount(3);
    const gwRow = table.getByRole("row").filter({ hasText: gatewayName });
    // In place, missing, stale, duplicate, shadowed (the duplicate never fires either), hand-made, foreign.
    await expect(gwRow.getByRole("cell")).toHaveText([
      gatewayName + " gateway",
      code,
      "1",
      "1",
      "1",
      "1",
      "2",
      "1",
      "1",
      "1",
      /olivia/,
    ]);
    await expect(page.getByRole("button", { name: /Audit the fleet now/ })).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  await test.step("the class filter keeps the boxes with shadowed rules, in the URL", async () => {
    await page.getByLabel("Class").selectOption("shadowed");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/class=shadowed/);
    const table = page.getByRole("table", { name: "Latest NAT audit per box" });
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(table).toContainText(gatewayName);
    await expect(table).not.toContainText(`nat-${tag}-h01`);
  });

  await test.step("the report exports as CSV (the shadowed rules) and JSON (with what was read)", async () => {
    const csvDownload = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export the NAT audit as CSV" }).click();
    const csv = readFileSync((await (await csvDownload).path())!, "utf8");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toContain("audited_at");
    expect(lines[0]).toContain("digest_sha256");
    expect(lines.slice(1)).toHaveLength(2);
    expect(lines.every((l, i) => i === 0 || (l.includes(gatewayName) && l.includes("olivia")))).toBe(true);
    expect(csv).toContain("-j ACCEPT");
    const jsonDownload = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export the NAT audit as JSON" }).click();
    const report = JSON.parse(readFileSync((await (await jsonDownload).path())!, "utf8"));
    const gw = report.audits.find((a: { boxName: string }) => a.boxName === gatewayName);
    expect(gw.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(gw.read.iptables).toContain("*nat");
    expect(gw.rules.every((r: { shadowed: boolean }) => r.shadowed)).toBe(true);
  });

  await test.step("the gateway's Audit tab: every rule, class, counters, never hit, delta, drift; axe", async () => {
    await page.goto(`/branches/${code}`);
    await page.getByRole("link", { name: "Gateway NAT audit" }).click();
    await expect(page.getByRole("heading", { name: `NAT audit of ${gatewayName}` })).toBeVisible();
    const rules = page.getByRole("table", { name: "Rules" });
    await expect(rules.getByRole("row")).toHaveCount(8);
    // The duplicate's row names the rule it copies, so the hand-made one is found by its class.
    const handMade = rules.getByRole("row").filter({ hasText: "Hand-made equivalent" });
    await expect(handMade).toContainText("[52:3120]");
    await expect(handMade).toContainText("+12");
    const dup = rules.getByRole("row").filter({ hasText: "Duplicate" });
    await expect(dup).toContainText("never hit since boot");
    await expect(dup).toContainText("never fires");
    await expect(rules.getByRole("row").filter({ hasText: "Missing" })).toContainText("expected:");
    await expect(page.getByRole("list", { name: "Drift" })).toContainText("first seen");
    await expect(page.getByRole("heading", { name: "Adopt hand-made rules" })).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);
    // Nor on the branch page: adoption is an operator's (the API refuses a viewer too).
    await page.goto(`/branches/${code}`);
    await expect(page.getByRole("heading", { level: 1, name: code })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Adopt hand-made rules" })).toHaveCount(0);
    const refused = await page.request.post("/api/v1/nat-audits/adoptions/plan", {
      data: { boxes: [`gateway:${detail.branch.gateway.id}`] },
    });
    expect(refused.status()).toBe(403);
  });

  let gatewayRollout = 0;
  await test.step("an operator adopts: the plan lists the lines, confirmed by count, one rollout; axe", async () => {
    await page.context().clearCookies();
    await signIn(page);
    // The seeded rules SNAT to 169.254.0.1: the branch's gateway link-local, so they are equivalents.
    await send(`/api/v1/branches/${code}`, { gatewayLinkLocalIp: "169.254.0.1" }, "patch");
    await page.goto(`/branches/${code}`);
    await page.getByRole("link", { name: "Gateway NAT audit" }).click();
    await expect(page.getByRole("heading", { name: `NAT audit of ${gatewayName}` })).toBeVisible();
    await page.getByRole("button", { name: "Show the adoption plan" }).click();
    const lines = page.getByRole("list", { name: `Lines the adoption changes on ${gatewayName}` });
    const removed =
      "- -A POSTROUTING -d 192.0.2.244/32 -o eth1 -p tcp -m tcp --dport 22 -j SNAT --to-source 169.254.0.1";
    await expect(lines.getByRole("listitem").filter({ hasText: removed })).toHaveCount(2);
    await expect(lines).toContainText("- -A POSTROUTING -s 169.254.0.0/16 ! -o eth1 -j SNAT --to-source 192.0.2.241");
    await expect(lines).toContainText("+ -A POSTROUTING -j BRANCHDESK-POST");
    expect(await axeViolations(page)).toEqual([]);
    const adopt = page.getByRole("button", { name: `Adopt on ${gatewayName}` });
    // The seeded snapshot also holds the pool SNAT (read as text, it is a hand-made equivalent too).
    const confirm = page.getByLabel("Type 3, the number of lines removed, to confirm");
    await expect(adopt).toBeDisabled();
    await confirm.fill("3");
    await adopt.click();
    await expect(page.getByRole("heading", { level: 1, name: /^Rollout #\d+$/ })).toBeVisible();
    gatewayRollout = Number(/\/rollouts\/(\d+)/.exec(page.url())![1]);
  });

  await test.step("an operator traces HQ -> the guest from its Audit tab (boxes unreadable here); axe", async () => {
    await page.goto(`/nat-audit/box/host:${host.id}`);
    await expect(page.getByRole("heading", { name: `NAT audit of nat-${tag}-h01` })).toBeVisible();
    await page.getByRole("link", { name: "Trace HQ to this guest" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "NAT trace" })).toBeVisible();
    await expect(page.getByLabel("Host (host:<id>)")).toHaveValue(`host:${host.id}`);
    await page.getByRole("button", { name: "Trace" }).click();
    await expect(page.getByRole("heading", { name: /→ 192\.0\.2\.244:22/ })).toBeVisible({ timeout: 90_000 });
    await expect(page.getByRole("list", { name: "Trace problems" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Rules evaluated" })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });

  await test.step("an operator adopts on the branch: both boxes' lines, wrong count refused, one rollout", async () => {
    const gatewayBox = `gateway:${detail.branch.gateway.id}`;
    const get = async (url: string) => (await page.request.get(url)).json();
    const rolloutsOf = async () => (await get(`/api/v1/rollouts?branch=${code}&limit=50`)).rollouts as { id: number }[];
    // The gateway's own adoption holds its lock until it ends (it cannot reach the seeded box).
    const finished = async () => (await get(`/api/v1/rollouts/${gatewayRollout}`)).rollout.finishedAt;
    await expect.poll(finished, { timeout: 180_000 }).not.toBeNull();
    const before = await rolloutsOf();
    await page.goto(`/branches/${code}`);
    const section = page.getByRole("region", { name: "Adopt hand-made rules" });
    await expect(section.getByRole("list", { name: "Boxes not in the adoption plan" })).toHaveText(
      `nat-${tag}-h02 (host): no NAT audit yet: audit it first`,
    );
    await section.getByRole("button", { name: "Show the adoption plan" }).click();
    const gwLines = section.getByRole("list", { name: `Lines the adoption changes on ${gatewayName}` });
    const snat = "- -A POSTROUTING -d 192.0.2.244/32 -o eth1 -p tcp -m tcp --dport 22 -j SNAT --to-source 169.254.0.1";
    await expect(gwLines.getByRole("listitem").filter({ hasText: snat })).toHaveCount(2);
    await expect(gwLines).toContainText("- -A POSTROUTING -s 169.254.0.0/16 ! -o eth1 -j SNAT --to-source 192.0.2.241");
    const hostLines = section.getByRole("list", { name: `Lines the adoption changes on nat-${tag}-h01` });
    await expect(hostLines).toContainText(
      "- -A PREROUTING -d 192.0.2.244/32 -i virbr0 -p tcp -m tcp --dport 22 -j REDIRECT",
    );
    await expect(section).toContainText(`One rollout over 2 box(es): ${gatewayName}, nat-${tag}-h01.`);
    expect(await axeViolations(page)).toEqual([]);
    // Three lines on the gateway and one on the host.
    const confirm = section.getByLabel("Type 4, the number of lines removed, to confirm");
    const adopt = section.getByRole("button", { name: `Adopt on ${code}` });
    await confirm.fill("3");
    await adopt.click();
    await expect(section.getByRole("alert").filter({ hasText: "confirm with 4" })).toContainText(
      "the number of lines this adoption removes",
    );
    await expect(confirm).toHaveAttribute("aria-invalid", "true");
    await expect(confirm).toHaveAccessibleDescription("type 4 (you typed 3)");
    expect(await axeViolations(page)).toEqual([]);
    expect(await rolloutsOf()).toHaveLength(before.length);
    await confirm.fill("4");
    await adopt.click();
    await expect(page.getByRole("heading", { level: 1, name: /^Rollout #\d+$/ })).toBeVisible();
    const id = Number(/\/rollouts\/(\d+)/.exec(page.url())![1]);
    const after = await rolloutsOf();
    expect(after.map((r) => r.id).filter((r) => !before.some((b) => b.id === r))).toEqual([id]);
    const { targets } = await get(`/api/v1/rollouts/${id}`);
    expect(targets.map((t: { key: string }) => t.key)).toEqual([gatewayBox, `host:${host.id}`]);
  });
});
