import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import {
  GROUPS,
  group,
  PEOPLE,
  person,
  SERVICE_DN,
  SERVICE_PASSWORD,
  startSlapd,
  type Slapd,
} from "@/lib/testing/slapd";
import { runTag, signIn } from "./sign-in";

/**
 * Directory sign-in (issue 14): the spec starts its own slapd (lib/testing/slapd.ts), an
 * admin configures it on Settings → Directory, a directory operator signs in and sees
 * operator actions only, and the users page shows the account's source.
 */
async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const tag = runTag();
const operator = `dirop-${tag}`;
const password = "directory operator password";
let slapd: Slapd;

test.beforeAll(async () => {
  slapd = await startSlapd({
    entries: [
      person(operator, password),
      group("noc", "member", [`uid=${operator},${PEOPLE}`]),
      group("netadmins", "member", []),
    ],
  });
});

test.afterAll(async ({ browser }) => {
  // Directory sign-in off again: later specs sign in with unknown names and expect a plain 401.
  const page = await browser.newPage();
  await signIn(page);
  const current = await page.request.get("/api/v1/directory-settings");
  const { settings } = (await current.json()) as { settings: Record<string, unknown> };
  const off = await page.request.put("/api/v1/directory-settings", { data: { ...settings, enabled: false } });
  expect(off.status()).toBe(200);
  await page.close();
  await slapd?.stop();
});

test("a directory operator signs in, sees operator actions only, and the users page shows the source", async ({
  page,
}) => {
  test.setTimeout(120_000);

  await test.step("the admin configures the directory on Settings → Directory", async () => {
    await signIn(page);
    await page.getByRole("link", { name: "Directory" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Directory sign-in");
    const form = page.getByRole("form", { name: "Directory settings" });
    await form.getByLabel(/Directory sign-in on/).check();
    await form.getByLabel(/Directory URLs/).fill(slapd.url);
    await form.getByLabel("Transport security").selectOption("none");
    await form.getByLabel("Search account DN").fill(SERVICE_DN);
    await form.getByLabel("Search account password").fill(SERVICE_PASSWORD);
    await form.getByLabel("User search base").fill(PEOPLE);
    await form.getByLabel("Group search base").fill(GROUPS);
    await form.getByLabel(/Groups to roles/).fill(`operator cn=noc,${GROUPS}\nadmin cn=netadmins,${GROUPS}`);
    await form.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByTestId("settings-saved")).toBeVisible();
    // Write-only: the password is in no answer and in no field.
    const answer = await (await page.request.get("/api/v1/directory-settings")).text();
    expect(answer).not.toContain(SERVICE_PASSWORD);
    expect(JSON.parse(answer).bindPasswordSet).toBe(true);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Directory sign-in");
    await expect(form.getByLabel("Search account password")).toHaveValue("");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
  });

  await test.step("the directory operator signs in and sees operator actions, no admin ones", async () => {
    await signIn(page, operator, password);
    await expect(page.getByTestId("current-user")).toContainText("operator");
    for (const name of ["Users", "Directory", "Import", "Terminal settings"]) {
      await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
    }
    await page.goto("/nat-audit");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("NAT audit");
    await expect(page.getByRole("button", { name: "Audit the fleet now" })).toBeVisible();
    await page.goto("/settings/directory");
    await expect(page).toHaveURL(/\/forbidden\?need=admin$/);
    expect((await page.request.get("/api/v1/directory-settings")).status()).toBe(403);
    await page.goto("/");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
  });

  await test.step("the users page shows the account's source", async () => {
    await signIn(page);
    await page.getByRole("link", { name: "Users", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users");
    const row = page.getByRole("table", { name: "Users" }).getByRole("row", { name: new RegExp(operator) });
    await expect(row.getByTestId("user-source")).toHaveText(/directory/);
    await expect(row.getByRole("combobox")).toBeDisabled();
    const admin = page.getByRole("table", { name: "Users" }).getByRole("row", { name: /^admin/ });
    await expect(admin.getByTestId("user-source")).toHaveText("local");
    expect(await axeViolations(page)).toEqual([]);
  });
});
