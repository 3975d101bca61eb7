import { expect, test } from "@playwright/test";
import { runTag, signIn } from "./sign-in";

/**
 * An admin adds a viewer on the users page; the viewer can read the fleet and
 * a branch but gets no edit or delete controls, no users page, and the API
 * refuses their writes anyway.
 */
test("an admin adds a viewer, who reads the inventory without edit controls", async ({ page }) => {
  test.setTimeout(120_000);
  const tag = runTag();
  const viewer = `viewer-${tag}`;
  const code = `BR-${tag}`;

  await test.step("the admin adds a branch (through the API) and a viewer (on the users page)", async () => {
    await signIn(page);
    const created = await page.request.post("/api/v1/branches", {
      data: { code, name: `Nantes ${tag}`, region: "Pays de la Loire", lanCidr: "203.0.113.0/24" },
    });
    expect(created.status()).toBe(201);

    await page.getByRole("link", { name: "Users" }).click();
    const form = page.getByRole("form", { name: "New user" });
    await form.getByLabel("Username").fill(viewer);
    await form.getByLabel("Initial password").fill("short");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.getByLabel("Initial password")).toHaveAccessibleDescription(/at least 10 characters/);

    await form.getByLabel("Initial password").fill("viewer-password-1");
    await form.getByRole("button", { name: "Add user" }).click();
    const row = page.getByRole("table", { name: "Users" }).getByRole("row", { name: new RegExp(viewer) });
    await expect(row.getByRole("combobox")).toHaveValue("viewer");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
  });

  await test.step("the viewer reads the fleet and the branch, without edit controls", async () => {
    await signIn(page, viewer, "viewer-password-1");
    await expect(page.getByTestId("current-user")).toContainText("viewer");
    await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "New branch" })).toHaveCount(0);

    await page.getByRole("link", { name: code }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(code);
    await expect(page.getByRole("region", { name: "Branch" })).toContainText("203.0.113.0/24");
    for (const name of ["Add host", "Edit branch", "Add gateway"])
      await expect(page.getByRole("link", { name })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Delete/ })).toHaveCount(0);
  });

  await test.step("admin pages and API writes are refused to the viewer", async () => {
    await page.goto("/users");
    await expect(page).toHaveURL(/\/forbidden\?need=admin$/);
    await expect(page.getByRole("main")).toContainText("This page needs the admin role.");
    await page.goto(`/branches/${code}/edit`);
    await expect(page).toHaveURL(/\/forbidden\?need=admin$/);

    const refused = await page.request.delete(`/api/v1/branches/${code}`);
    expect(refused.status()).toBe(403);
    expect((await page.request.get(`/api/v1/branches/${code}`)).status()).toBe(200);
  });
});
