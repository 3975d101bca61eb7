import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { run } from "@/lib/testing/proc";
import { DashboardApi } from "./dashboard-api";
import { unenrolLab } from "./lab/enrol-lab";
import { Lab } from "./lab/lab";
import { skipLab } from "./lab/lab-test-support";
import { adminPassword, runTag, signIn } from "./sign-in";
import { upgradeStatus } from "./terminal-client";

/**
 * Issue 10's web terminal, in the browser, on a lab branch (a gateway and two
 * hosts as network namespaces with real sshd and netfilter) enrolled through
 * the API and taken to a working support path by a rollout. The dashboard runs
 * in the root namespace; lab hosts take SSH from link-local sources only, so
 * the support path works only through Branchdesk's own rules (the host's
 * REDIRECT + arpreply, the gateway's SNAT). One lab for every test; a test
 * that breaks something (a pin, the rules, sshd, the settings) restores it.
 * UI hooks (app/_components/terminal): data-testid terminal, terminal-status,
 * terminal-path, terminal-failure, terminal-notice, terminal-ended, and
 * window.__branchdeskTerminal.text() (the terminal's buffer as text).
 */
test.describe("the web terminal on a lab branch", () => {
  test.skip(skipLab("e2e/terminal.spec.ts: web terminal to lab hosts (paths, keys, limits, replay)"), "needs root");
  // Serial: one lab, and each test leaves it as it found it. Generous: a loaded 2-core machine.
  test.describe.configure({ mode: "serial", timeout: 120_000 });

  const baseUrl = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";
  const tag = runTag();
  const operator = { username: `term-op-${tag}`, password: "operator-password-1" };
  const viewer = { username: `term-view-${tag}`, password: "viewer-password-1" };
  let lab: Lab | undefined;
  let admin: DashboardApi;
  let operatorApi: DashboardApi;
  let hostId: number;
  let otherHostId: number;

  const branch = () => lab!.inventory.branches[0]!;
  const host = () => branch().hosts[0]!;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    const pubkey = process.env.E2E_FLEET_PUBKEY;
    if (!pubkey) throw new Error("E2E_FLEET_PUBKEY is not set: run the specs through scripts/e2e-run.ts");
    lab = await Lab.up({ branches: 1, hostsPerBranch: 2, extraAuthorizedKeys: [readFileSync(pubkey, "utf8")] });
    admin = await DashboardApi.signIn(baseUrl, "admin", adminPassword());
    await admin.enrol(lab.inventory);
    await admin.createUser(operator.username, operator.password, "operator");
    await admin.createUser(viewer.username, viewer.password, "viewer");
    await admin.applyRules([branch().code]);
    operatorApi = await DashboardApi.signIn(baseUrl, operator.username, operator.password);
    const ids = await admin.branchIds(branch().code);
    hostId = ids.hosts.get(host().hostname)!;
    otherHostId = ids.hosts.get(branch().hosts[1]!.hostname)!;
  });

  test.afterAll(async () => {
    if (admin && lab) await unenrolLab(lab.inventory, (method, path) => admin.call(method, path));
    await lab?.down();
  });

  /** As the operator (signed in once, in beforeAll), opens the host's page and clicks "Open terminal". */
  async function openFromHostPage(page: Page, id = hostId): Promise<Page> {
    await page.context().addCookies([{ name: "branchdesk_session", value: operatorApi.token, url: baseUrl }]);
    await page.goto(`/hosts/${id}`);
    // The page header's action (the host's health panel has an "Open terminal" link too).
    const action = openTerminalAction(page).first();
    await expect(action).toBeVisible();
    await action.click();
    await expect(page).toHaveURL(new RegExp(`/terminal/host(:|%3A)${id}$`));
    return page;
  }

  test("an operator opens a host's terminal from its page: the host's own shell, over the support path", async ({
    page,
  }) => {
    const redirected = await redirectCount(lab!, host().hostname);
    const term = await openFromHostPage(page);
    await expectPrompt(term);
    // The connection went through the host's own REDIRECT rule (the support path), not around it.
    expect(await redirectCount(lab!, host().hostname)).toBeGreaterThan(redirected);
    await expect(term.getByTestId("terminal-path")).toHaveText(/support path/);
    await expect(term.getByTestId("terminal-status")).toContainText(`${host().guest.ip}:22`);
    expect(await axeViolations(term)).toEqual([]);
    await typeLine(term, "hostname; echo $SSH_CONNECTION");
    // The host's name on a line of its own (the prompt has it too, but not alone), and the
    // connection as the host's sshd saw it: from the gateway's link-local address (its SNAT) to port 22.
    await expect.poll(() => terminalText(term)).toMatch(new RegExp(`^${esc(host().hostname)}\\s*$`, "m"));
    const gw = esc(branch().gateway.linkLocalIp);
    await expect.poll(() => terminalText(term)).toMatch(new RegExp(`^${gw} \\d+ 169\\.254\\.\\d+\\.\\d+ 22\\s*$`, "m"));
  });

  test("the other host's terminal opens on its own host", async ({ page }) => {
    // Guards against a dashboard that always dials the first host of a branch.
    const term = await openFromHostPage(page, otherHostId);
    await expectPrompt(term);
    await typeLine(term, "hostname");
    const other = branch().hosts[1]!.hostname;
    await expect.poll(() => terminalText(term)).toMatch(new RegExp(`^${esc(other)}\\s*$`, "m"));
  });

  test("resizing the window resizes the terminal on the box (stty size)", async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    const term = await openFromHostPage(page);
    await expectPrompt(term);
    const first = await sttySize(term, 1);
    await term.setViewportSize({ width: 800, height: 500 });
    await expect
      .poll(async () => {
        const now = await sttySize(term, 2).catch(() => null);
        return now && (now.rows < first.rows || now.cols < first.cols) ? "smaller" : JSON.stringify(now);
      })
      .toBe("smaller");
  });

  test("a viewer gets no terminal: no action on the host page, and 403 on the socket itself", async ({ page }) => {
    await signIn(page, viewer.username, viewer.password);
    await page.goto(`/hosts/${hostId}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(host().hostname);
    await expect(openTerminalAction(page)).toHaveCount(0);
    const viewerApi = await DashboardApi.signIn(baseUrl, viewer.username, viewer.password);
    await page.goto(`/terminal/host:${hostId}`);
    await expect(page.getByTestId("terminal")).toHaveCount(0);
    const box = { box: `host:${hostId}` };
    expect(await upgradeStatus(baseUrl, viewerApi.cookie, box), "viewer's upgrade").toBe(403);
    // The same request is answered 401 without a cookie, and upgraded for an operator.
    expect(await upgradeStatus(baseUrl, null, box), "no cookie").toBe(401);
    expect(await upgradeStatus(baseUrl, operatorApi.cookie, box), "operator's upgrade").toBe(101);
  });

  test("a box presenting another key than the pinned one is refused, naming both fingerprints", async ({ page }) => {
    // Pin the other host's fingerprint on this host: the box now presents a key that is not the pinned one.
    const wrong = branch().hosts[1]!.hostKeyFingerprint;
    await admin.send("POST", `/api/v1/hosts/${hostId}/host-key`, { fingerprint: wrong });
    try {
      const term = await openFromHostPage(page);
      const failure = term.getByTestId("terminal-failure");
      await expect(failure).toBeVisible({ timeout: 30_000 });
      await expect(failure).toHaveAttribute("data-kind", "host-key-mismatch");
      await expect(failure).toContainText(wrong);
      await expect(failure).toContainText(host().hostKeyFingerprint);
      expect(await terminalText(term)).not.toMatch(/[#$] ?$/m);
      expect(await axeViolations(term)).toEqual([]);
    } finally {
      await admin.send("POST", `/api/v1/hosts/${hostId}/host-key`, { fingerprint: host().hostKeyFingerprint });
    }
  });

  test("with the support path broken, the default path fails with its reason and 'via gateway' works", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    // What a host looks like after a reboot that lost its rules: no REDIRECT, no arpreply.
    await lab!.exec(host().hostname, ["iptables", "-t", "nat", "-F"]);
    await lab!.exec(host().hostname, ["ebtables", "-t", "nat", "-F"]);
    try {
      const term = await openFromHostPage(page);
      const failure = term.getByTestId("terminal-failure");
      await expect(failure).toBeVisible({ timeout: 45_000 });
      // A typed reason (the rollouts' kinds) with its message, for the path that was tried.
      await expect(failure).toHaveAttribute("data-kind", /^(refused|timeout|unreachable)$/);
      await expect(failure).toContainText(/Refused \(support path\): (refused|timeout|unreachable)\. \S/);
      await expect(term.getByTestId("terminal-status")).toContainText(`${host().guest.ip}:22`);
      await term.getByRole("button", { name: "Try via gateway", exact: true }).click();
      await expectPrompt(term);
      await expect(term.getByTestId("terminal-path")).toHaveText(/via gateway/);
      await expect(term.getByTestId("terminal-status")).toContainText(`${host().linkLocalIp}:22 via`);
      await typeLine(term, "hostname");
      await expect.poll(() => terminalText(term)).toMatch(new RegExp(`^${esc(host().hostname)}\\s*$`, "m"));
    } finally {
      await admin.applyRules([branch().code]);
    }
  });

  test("killing the host's sshd ends the session with a message, not a frozen terminal", async ({ page }) => {
    const term = await openFromHostPage(page);
    await expectPrompt(term);
    try {
      await killSshd(host().netns);
      const ended = term.getByTestId("terminal-ended");
      await expect(ended).toBeVisible({ timeout: 30_000 });
      await expect(ended).toHaveAttribute("data-reason", /^(connection-lost|box-closed)$/);
      await expect(ended).toContainText(host().hostname);
    } finally {
      await lab!.startSshd(host().hostname);
    }
  });

  test("the idle timeout warns, then ends the session (6 s timeout, 3 s warning)", async ({ page }) => {
    const before = await admin.get<{ settings: Record<string, unknown> }>("/api/v1/terminal-settings");
    await admin.send("PUT", "/api/v1/terminal-settings", {
      ...before.settings,
      idleTimeoutSeconds: 6,
      idleWarningSeconds: 3,
    });
    try {
      const term = await openFromHostPage(page);
      await expectPrompt(term);
      const notice = term.getByTestId("terminal-notice");
      await expect(notice).toHaveAttribute("data-code", "idle-warning", { timeout: 15_000 });
      await expect(notice).toContainText(/no input/);
      const ended = term.getByTestId("terminal-ended");
      await expect(ended).toHaveAttribute("data-reason", "idle", { timeout: 15_000 });
      await expect(ended).toContainText(/idle timeout/);
    } finally {
      await admin.send("PUT", "/api/v1/terminal-settings", before.settings);
    }
  });

  test("the recording replays what the session printed; the audit log has its open and close with bytes", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const n = Number(tag);
    const marker = `REC-${n}`;
    const typed = `echo REC-$((${n} + 0))`;
    const term = await openFromHostPage(page);
    await expectPrompt(term);
    // Typed as arithmetic, so the marker is in the output only, never in the echoed input.
    await typeLine(term, typed);
    await expect.poll(() => terminalText(term)).toMatch(new RegExp(`^${marker}\\s*$`, "m"));
    await typeLine(term, "exit");
    await expect(term.getByTestId("terminal-ended")).toBeVisible({ timeout: 20_000 });

    const list = await admin.get<{ sessions: Array<{ id: string; endedAt: string | null }> }>(
      `/api/v1/terminal-sessions?box=host:${hostId}&limit=1`,
    );
    const session = list.sessions[0]!;
    expect(session.endedAt).not.toBeNull();

    const audit = await admin.get<{ events: Array<{ action: string; after: Record<string, unknown> | null }> }>(
      `/api/v1/audit?entityType=host&entityId=${hostId}&action=terminal.&limit=200`,
    );
    const mine = audit.events.filter((e) => e.after?.sessionId === session.id);
    expect(mine.map((e) => e.action).sort()).toEqual(["terminal.close", "terminal.open"]);
    const close = mine.find((e) => e.action === "terminal.close")!.after!;
    expect(close.bytesIn).toBeGreaterThanOrEqual(`${typed}\rexit\r`.length);
    expect(close.bytesOut).toBeGreaterThan(marker.length);
    expect(close.reason).toBe("box-closed");

    await term.goto("/sessions");
    const link = term.locator(`a[href="/sessions/${session.id}"]`);
    await expect(link).toBeVisible();
    expect(await axeViolations(term)).toEqual([]);
    await link.click();
    await expect(term).toHaveURL(new RegExp(`/sessions/${session.id}$`));
    // Seek to the end: the replay terminal shows what the session printed.
    const position = term.getByRole("slider", { name: "Position" });
    await expect(position).toBeEnabled();
    await position.fill((await position.getAttribute("max"))!);
    await expect.poll(() => terminalText(term)).toMatch(new RegExp(`^${marker}\\s*$`, "m"));
    expect(await axeViolations(term)).toEqual([]);
  });
});

/** Every axe-core violation on the page as it is now, one line each (none is the goal). */
async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

function openTerminalAction(page: Page): Locator {
  return page
    .getByRole("link", { name: "Open terminal", exact: true })
    .or(page.getByRole("button", { name: "Open terminal", exact: true }));
}

/** The terminal's buffer as text (the UI's test hook), or "" before it exists. */
async function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const hook = (window as unknown as { __branchdeskTerminal?: { text(): string } }).__branchdeskTerminal;
    return hook ? hook.text() : "";
  });
}

/** The shell is up: the UI says the session is open and the box printed a prompt. */
async function expectPrompt(page: Page): Promise<void> {
  await expect(page.getByTestId("terminal")).toBeVisible();
  await expect.poll(() => terminalText(page), { timeout: 45_000 }).toMatch(/[#$] ?$/m);
}

/** Types a command into the terminal as a person would (keys into xterm's textarea) and presses Enter. */
async function typeLine(page: Page, line: string): Promise<void> {
  await page.getByTestId("terminal").click();
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
}

/** `stty size` on the box, tagged so the echoed command never matches: {rows, cols}. */
async function sttySize(page: Page, n: number): Promise<{ rows: number; cols: number }> {
  await typeLine(page, `echo SZ${n}-$(stty size)-ZS`);
  const re = new RegExp(`SZ${n}-(\\d+) (\\d+)-ZS`);
  let m: RegExpMatchArray | null = null;
  await expect.poll(async () => (m = re.exec(await terminalText(page))) !== null).toBe(true);
  return { rows: Number(m![1]), cols: Number(m![2]) };
}

/** Connections the host's REDIRECT rules have taken (nat rules see a connection's first packet only). */
async function redirectCount(lab: Lab, hostname: string): Promise<number> {
  const { stdout } = await lab.exec(hostname, ["iptables", "-t", "nat", "-L", "-n", "-v", "-x"]);
  return stdout
    .split("\n")
    .filter((l) => /\sREDIRECT\s/.test(l))
    .reduce((sum, l) => sum + Number(l.trim().split(/\s+/)[0]), 0);
}

/**
 * SIGKILLs every sshd of one lab box: its listener and every session's sshd, found by the
 * box's network namespace (`ip netns pids`), never by name across the machine.
 */
async function killSshd(netns: string): Promise<void> {
  const { stdout } = await run(["ip", "netns", "pids", netns]);
  const pids = stdout.split(/\s+/).filter(Boolean).map(Number);
  const sshds = pids.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("sshd");
    } catch {
      return false;
    }
  });
  if (!sshds.length) throw new Error(`no sshd in ${netns} (its pids: ${pids.join(" ")})`);
  for (const pid of sshds) process.kill(pid, "SIGKILL");
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
