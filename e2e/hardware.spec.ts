import AxeBuilder from "@axe-core/playwright";
import { expect, request, test, type APIRequestContext, type Page } from "@playwright/test";
import { adminPassword, runTag, signIn } from "./sign-in";

/** Every axe-core violation on the page as it is now, one line each: none is the goal. */
async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function send(api: APIRequestContext, method: "POST" | "PUT", path: string, data: unknown, status: number) {
  const res = await api.fetch(path, { method, data });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBe(status);
  return res.json();
}

/**
 * Issue 11, hardware swap: a desktop's box dies and a new one takes its place.
 * The admin replaces the hardware on the host page: the guest IP, guest MAC
 * and link-local address stay, the old box (serial, MAC, key) shows in the
 * history, and one click applies the branch's rules. The branch page's
 * enrolment one-liner is shown once. axe on both pages as they change.
 */
test("an admin replaces a host's hardware and sees the old box in its history", async ({ page }) => {
  test.setTimeout(180_000);
  const tag = runTag();
  const code = `BR-${tag}`;
  const mac = (last: string) =>
    `02:${tag.slice(0, 2)}:${tag.slice(2, 4)}:${tag.slice(4, 6)}:${tag.slice(6, 8)}:${last}`;
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100" });
  await send(api, "POST", "/api/v1/session", { username: "admin", password: adminPassword() }, 200);
  await send(
    api,
    "POST",
    "/api/v1/branches",
    { code, name: `Swap ${tag}`, region: "Test", lanCidr: "192.0.2.224/28" },
    201,
  );
  // A gateway (key not trusted: the rollout starts, and its targets fail without touching anything).
  const gateway = { hostname: `br-${tag}-gw`, sshAddress: "203.0.113.10", lanIfname: "eth1", lanIp: "192.0.2.225" };
  await send(api, "PUT", `/api/v1/branches/${code}/gateway`, gateway, 200);
  const created = await send(
    api,
    "POST",
    `/api/v1/branches/${code}/hosts`,
    {
      hostname: `br-${tag}-h01`,
      serial: `OLD-${tag}`,
      nicMac: mac("01"),
      linkLocalIp: "169.254.1.10",
      state: "active",
      guest: { name: `WS-${tag}`, domain: `ws-${tag}`, mac: mac("02"), ip: "192.0.2.230" },
    },
    201,
  );
  const hostId: number = created.host.id;
  await api.dispose();
  await signIn(page);

  await test.step("the host page offers Replace hardware; no earlier hardware yet", async () => {
    await page.goto(`/hosts/${hostId}`);
    await expect(page.getByText("No earlier hardware")).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });

  await test.step("a swap: new serial and NIC; guest and link-local stay; the old box in the history", async () => {
    await page.getByRole("button", { name: "Replace hardware" }).click();
    const form = page.getByRole("form", { name: `Replace br-${tag}-h01's hardware` });
    await form.getByLabel("New serial").fill(`NEW-${tag}`);
    await form.getByLabel("New NIC MAC").fill(mac("03"));
    await form.getByLabel("Reason").fill("RMA 4711");
    expect(await axeViolations(page)).toEqual([]);
    await form.getByRole("button", { name: "Replace hardware" }).click();
    const done = page.getByRole("status").filter({ hasText: "Hardware replaced" });
    await expect(done).toContainText(`OLD-${tag}`);
    await expect(done.getByRole("button", { name: `Apply ${code}'s rules` })).toBeVisible();
    const history = page.getByRole("table", { name: "Earlier hardware" });
    await expect(history.locator("tbody > tr")).toHaveCount(1);
    await expect(history.locator("tbody > tr").first()).toContainText(`OLD-${tag}`);
    await expect(history.locator("tbody > tr").first()).toContainText(mac("01"));
    await expect(history.locator("tbody > tr").first()).toContainText("RMA 4711");
    await expect(page.getByText(`NEW-${tag}`).first()).toBeVisible();
    await expect(page.getByText("192.0.2.230").first()).toBeVisible();
    await expect(page.getByText("169.254.1.10").first()).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });

  await test.step("one click applies the branch's rules: the rollout page opens", async () => {
    await page.getByRole("button", { name: `Apply ${code}'s rules` }).click();
    await expect(page).toHaveURL(/\/rollouts\/\d+$/);
  });

  await test.step("the branch page shows an enrolment one-liner once", async () => {
    await page.goto(`/branches/${code}`);
    const form = page.getByRole("form", { name: "New enrolment token" });
    await form.getByLabel("Guest IP").fill("192.0.2.231");
    await form.getByRole("button", { name: "Create one-liner" }).click();
    await expect(page.getByTestId("enrol-one-liner")).toContainText(/curl -fsS .*\/enrol\/[A-Za-z0-9_-]{43} \| sh/);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("table", { name: `Enrolment tokens of ${code}` })).toContainText("unused");
  });
});
