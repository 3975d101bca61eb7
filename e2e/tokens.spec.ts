import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { runTag, signIn } from "./sign-in";

/**
 * API tokens (issue 15): a viewer creates a personal token on the Tokens page, sees it once,
 * uses it as a script would (reads work, writes are 403), sees its last use, revokes it
 * (after a confirm) and the next request is 401. Admins also get the service-token option.
 */
async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("a viewer creates a token, uses it from a script, and revokes it", async ({ page, request }) => {
  test.setTimeout(120_000);
  const tag = runTag();
  const viewer = `tokviewer-${tag}`;
  const password = "token viewer password";
  const name = `script-${tag}`;
  let secret = "";

  await test.step("an admin adds the viewer, and has the service-token option", async () => {
    await signIn(page);
    const created = await page.request.post("/api/v1/users", { data: { username: viewer, role: "viewer", password } });
    expect(created.status()).toBe(201);
    await page.getByRole("link", { name: "Tokens" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("API tokens");
    await expect(page.getByLabel(/Service token/)).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
  });

  await test.step("the viewer creates a token; it is shown once, with a copy button", async () => {
    await signIn(page, viewer, password);
    await page.getByRole("link", { name: "Tokens" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("API tokens");
    await expect(page.getByLabel(/Service token/)).toHaveCount(0);
    const form = page.getByRole("form", { name: "New API token" });
    await expect(form.getByLabel("Role").locator("option")).toHaveText(["viewer"]);
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Expires in (days)").fill("30");
    await form.getByLabel("Allowed client addresses").fill("192.0.2.7/24");
    await form.getByRole("button", { name: "Create token" }).click();
    await expect(form.getByLabel("Allowed client addresses")).toHaveAccessibleDescription(/host bits set/);
    await form.getByLabel("Allowed client addresses").fill("");
    await form.getByRole("button", { name: "Create token" }).click();
    const shown = page.getByRole("region", { name: "New token" });
    secret = (await shown.getByTestId("token-secret").textContent()) ?? "";
    expect(secret).toMatch(/^bdt_[0-9A-Za-z]{12}_[0-9A-Za-z]{43}$/);
    await shown.getByRole("button", { name: "Copy token" }).click();
    await expect(shown.getByRole("status")).toHaveText(/Copied\.|Could not copy/);
    expect(await axeViolations(page)).toEqual([]);
    await shown.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("region", { name: "New token" })).toHaveCount(0);
    await expect(page.getByText(secret)).toHaveCount(0);
  });

  await test.step("a script reads with the token; a write is 403; the list shows the last use", async () => {
    const auth = { authorization: `Bearer ${secret}` };
    expect((await request.get("/api/v1/branches", { headers: auth })).status()).toBe(200);
    const write = await request.post("/api/v1/branches", { headers: auth, data: { code: `BR-T${tag}` } });
    expect(write.status()).toBe(403);
    expect((await write.json()).error.message).toBe(`this needs the admin role; token "${name}" acts as viewer`);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("API tokens");
    const row = page.getByTestId("token-row").filter({ hasText: name });
    await expect(row.getByRole("cell").nth(4)).not.toHaveText("never");
    expect(await axeViolations(page)).toEqual([]);
  });

  await test.step("revoking asks first; then the token is refused (401)", async () => {
    const row = page.getByTestId("token-row").filter({ hasText: name });
    await row.getByRole("button", { name: `Revoke token ${name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Revoke token ${name}?` });
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Revoke" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row.getByRole("cell").nth(6)).toHaveText("revoked");
    const refused = await request.get("/api/v1/branches", { headers: { authorization: `Bearer ${secret}` } });
    expect(refused.status()).toBe(401);
    expect((await refused.json()).error.message).toMatch(new RegExp(`"${name}" .* was revoked`));
  });
});
