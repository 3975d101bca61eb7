import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { runTag, signIn } from "./sign-in";

/**
 * Issue 10, the terminal's pages without the lab: the sessions list, a recorded
 * session replayed in the browser (seeded: a row and its .cast written the way
 * the live terminal leaves them, e2e/seed-terminal-session.ts), the .cast
 * download, settings, the ssh lines for a techie's own terminal, the Open
 * terminal actions and who sees them. Every new page is checked with axe.
 * (The live terminal against real boxes is e2e/terminal.spec.ts, on the lab.)
 */

const ROOT = path.resolve(__dirname, "..");

/** Every axe-core violation on the page as it is now, one line each (none is the goal). */
async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Writes a session row and its recording into the dashboard under test; returns its id. */
function seedSession(seed: Record<string, unknown>): string {
  const tsx = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");
  const out = execFileSync(process.execPath, [tsx, "e2e/seed-terminal-session.ts", JSON.stringify(seed)], {
    cwd: ROOT,
    env: process.env,
    encoding: "utf8",
  });
  return out.trim().split("\n").at(-1)!;
}

/** What the mounted terminal (live, watch or replay) shows, through the component's test hook. */
const screenText = (page: Page) => page.evaluate(() => window.__branchdeskTerminal?.text() ?? "");
const screenSize = (page: Page) =>
  page.evaluate(() => `${window.__branchdeskTerminal?.cols}x${window.__branchdeskTerminal?.rows}`);

test("sessions, replay, .cast download, settings and ssh lines, for the roles that may see them", async ({
  page,
  browser,
  context,
}) => {
  test.setTimeout(600_000);
  const tag = runTag();
  const code = `TRM-${tag}`;
  await signIn(page);

  // A branch with a gateway and a host whose guest is 198.51.100.70 (TEST-NET-2, no other spec uses it).
  const post = async (url: string, data: unknown, method: "post" | "put" = "post") => {
    const res = await page.request[method](url, { data });
    expect(res.status(), await res.text()).toBeLessThan(300);
    return res.json();
  };
  await post("/api/v1/branches", { code, name: `Terminal ${tag}`, region: "Test", lanCidr: "198.51.100.64/26" });
  const gw = `trm-${tag}-gw`;
  const { gateway } = await post(
    `/api/v1/branches/${code}/gateway`,
    { hostname: gw, sshAddress: "203.0.113.201", sshPort: 2222, lanIfname: "eth1", lanIp: "198.51.100.65" },
    "put",
  );
  const hostname = `trm-${tag}-h01`;
  const { host } = await post(`/api/v1/branches/${code}/hosts`, {
    hostname,
    serial: `TRM-${tag}-1`,
    nicMac: `02:7e:${tag.slice(0, 2)}:${tag.slice(2, 4)}:${tag.slice(4, 6)}:01`,
    guest: { name: `WS-TRM-${tag.slice(-4)}`, domain: `win-trm-${tag}`, ip: "198.51.100.70" },
  });
  const replayed = `replayed-${tag}`;
  const sessionId = seedSession({
    boxKind: "host",
    boxId: host.id,
    boxName: hostname,
    branchCode: code,
    username: "admin",
    castText: replayed,
    cols: 100,
    rows: 30,
  });
  const liveId = seedSession({ boxKind: "gateway", boxId: gateway.id, boxName: gw, branchCode: code, live: true });

  await test.step("the sessions page lists them, filtered by box, and passes axe", async () => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).click();
    await expect(page).toHaveURL(/\/sessions$/);
    await expect(page.getByRole("table", { name: "Terminal sessions" })).toContainText(hostname);
    await page.getByLabel("Box").fill(`host:${host.id}`);
    await page.getByRole("button", { name: "Filter" }).click();
    const rows = page.getByTestId("terminal-session-row");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("support path");
    expect(await axeViolations(page)).toEqual([]);
  });

  await test.step("a session replays at its recorded size: play, seek back to empty, seek to the end", async () => {
    await page.getByTestId("terminal-session-row").first().getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
    await expect(page.getByRole("heading", { name: `Session on ${hostname}` })).toBeVisible();
    await expect.poll(() => screenSize(page)).toBe("100x30");
    await page.getByLabel("Speed").selectOption("4");
    await page.getByRole("button", { name: "Play" }).click();
    await expect.poll(() => screenText(page)).toContain(replayed);
    await expect(page.getByRole("button", { name: "Play" })).toBeVisible(); // it stopped at the end
    await page.getByLabel("Position").fill("0");
    await expect.poll(() => screenText(page)).toBe("");
    await page.getByLabel("Position").fill("1.5");
    await expect.poll(() => screenText(page)).toContain(`hostname\n${replayed}\nroot@box:~#`);
    expect(await axeViolations(page)).toEqual([]);
  });

  await test.step("an admin downloads the .cast", async () => {
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download .cast" }).click();
    const file = await (await download).path();
    const [header, ...events] = readFileSync(file, "utf8").trim().split("\n");
    expect(JSON.parse(header!)).toMatchObject({ version: 2, width: 100, height: 30 });
    expect(events.join("\n")).toContain(replayed);
  });

  await test.step("Watch live on a session not running here ends with a message, not a frozen terminal", async () => {
    await page.goto(`/sessions/${liveId}`);
    await page.getByRole("button", { name: "Watch live" }).click();
    await expect(page.getByTestId("terminal-ended")).toContainText("Session ended.");
    await expect(page.getByTestId("terminal-ended").getByRole("button", { name: "Reconnect" })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });

  await test.step("settings: a per-field error, then a save; the page passes axe", async () => {
    await page.getByRole("link", { name: "Terminal settings" }).click();
    await expect(page).toHaveURL(/\/settings\/terminal$/);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel("Idle timeout (seconds)").fill("300");
    await page.getByLabel("Idle warning (seconds before)").fill("300");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByLabel("Idle warning (seconds before)")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("form-error")).toContainText("idleWarningSeconds");
    await page.getByLabel("Idle warning (seconds before)").fill("60");
    await page.getByLabel("Idle timeout (seconds)").fill("900");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByTestId("settings-saved")).toBeVisible();
    const saved = await (await page.request.get("/api/v1/terminal-settings")).json();
    expect(saved).toMatchObject({ settings: { idleTimeoutSeconds: 900, idleWarningSeconds: 60 }, updatedBy: "admin" });
  });

  await test.step("the host page: Copy SSH command gives the exact support-path line", async () => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(`/hosts/${host.id}`);
    await page.getByRole("button", { name: "Copy SSH command" }).click();
    const line = `ssh -o HostKeyAlias=${hostname} -o StrictHostKeyChecking=yes -p 22 root@198.51.100.70`;
    await expect(page.getByTestId("ssh-command-support")).toHaveText(line);
    await expect(page.getByTestId("ssh-uri-support")).toHaveAttribute("href", "ssh://root@198.51.100.70:22");
    await expect(page.getByTestId("ssh-command-gateway")).toContainText(`HostKeyAlias=${gw}`);
    await page.getByTestId("copy-ssh-support").click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(line);
    await expect(page.getByTestId("ssh-known-hosts")).toContainText(`# ${hostname} (host ${hostname}): no host key`);
    await expect(page.getByRole("table", { name: `Terminal sessions on ${hostname}` })).toContainText("admin");
    expect(await axeViolations(page)).toEqual([]);
  });

  await test.step("t on the host page opens the terminal, which says why it cannot connect", async () => {
    await expect(page.getByRole("link", { name: "Open via gateway" })).toHaveAttribute(
      "href",
      `/terminal/host:${host.id}?path=gateway`,
    );
    await page.keyboard.press("t");
    await expect(page).toHaveURL(new RegExp(`/terminal/host:${host.id}$`));
    await expect(page.getByTestId("terminal")).toBeVisible();
    // No lab here: the box's key is not pinned, or nothing answers; either way a reason, never a frozen terminal.
    await expect(page.getByTestId("terminal-failure").or(page.getByTestId("terminal-ended"))).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByTestId("terminal-status")).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });

  await test.step("the branch page: Open terminal on the gateway and the branch's known_hosts", async () => {
    await page.goto(`/branches/${code}`);
    await expect(page.getByRole("link", { name: "Open terminal" }).first()).toHaveAttribute(
      "href",
      `/terminal/gateway:${gateway.id}`,
    );
    await expect(page.getByTestId("known-hosts")).toContainText(`# ${gw} (gateway of ${code}): no host key pinned yet`);
    expect(await axeViolations(page)).toEqual([]);
  });

  await test.step("a viewer sees sessions and replays, but no terminal, no ssh lines and no download", async () => {
    const username = `trm-viewer-${tag}`;
    await post("/api/v1/users", { username, role: "viewer", password: "viewer-password-1" });
    const viewerContext = await browser.newContext();
    const viewer = await viewerContext.newPage();
    await signIn(viewer, username, "viewer-password-1");
    await viewer.goto(`/hosts/${host.id}`);
    await expect(viewer.getByRole("heading", { name: hostname })).toBeVisible();
    await expect(viewer.getByRole("link", { name: "Open terminal" })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Copy SSH command" })).toHaveCount(0);
    await viewer.keyboard.press("t");
    await expect(viewer).toHaveURL(new RegExp(`/hosts/${host.id}$`));
    await viewer.goto(`/terminal/host:${host.id}`);
    await expect(viewer).toHaveURL(/\/forbidden/);
    await viewer.goto(`/sessions/${sessionId}`);
    await expect(viewer.getByRole("link", { name: "Download .cast" })).toHaveCount(0);
    await viewer.getByRole("button", { name: "Play" }).click();
    await expect.poll(() => screenText(viewer)).toContain(replayed);
    expect((await viewer.request.get(`/api/v1/terminal-sessions/${sessionId}/cast`)).status()).toBe(403);
    const recording = await (await viewer.request.get(`/api/v1/terminal-sessions/${sessionId}/recording`)).json();
    expect(recording.events.map((e: unknown[]) => e[1])).not.toContain("i");
    await viewerContext.close();
  });
});
