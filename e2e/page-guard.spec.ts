import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { runTag, signIn } from "./sign-in";

/**
 * Every page under app/(dashboard), found on disk so a new page cannot escape:
 * an anonymous visit lands on /login, and a viewer visiting an admin-only page
 * lands on /forbidden. (The API routes have the same proof in
 * app/api/v1/route-guard.int.test.ts.)
 */
const DASHBOARD = path.resolve(__dirname, "../app/(dashboard)");
const pages = readdirSync(DASHBOARD, { recursive: true, encoding: "utf8" })
  .filter((f) => path.basename(f) === "page.tsx")
  .map(
    (f) =>
      "/" +
      path
        .dirname(f)
        .split(path.sep)
        .filter((s) => s !== ".")
        .join("/"),
  )
  .map((p) => p.replace("[code]", "BR-0001").replace("[id]", "1").replace("[box]", "host:1"))
  .sort();

// Pages that change inventory or users: a viewer must not see them.
const ADMIN_ONLY = [
  "/branches/new",
  "/branches/BR-0001/edit",
  "/branches/BR-0001/gateway",
  "/branches/BR-0001/hosts/new",
  "/hosts/1/edit",
  "/users",
  "/settings/terminal",
  // Operators and up: a viewer gets no terminal (the socket refuses too).
  "/terminal/host:1",
];

test("the page list is the one this test knows about", () => {
  expect(pages.length).toBeGreaterThanOrEqual(10);
  for (const p of ADMIN_ONLY) expect(pages).toContain(p);
});

for (const p of pages) {
  test(`anonymous ${p} -> /login`, async ({ page }) => {
    await page.goto(p);
    await expect(page).toHaveURL(/\/login\?next=/);
  });
}

test("a viewer is sent to /forbidden from every admin-only page", async ({ page, browser }) => {
  // One navigation per page: on a loaded 2-core machine a cold page takes several seconds.
  test.setTimeout(180_000);
  const tag = runTag();
  await signIn(page);
  const username = `guard-viewer-${tag}`;
  const created = await page.request.post("/api/v1/users", {
    data: { username, role: "viewer", password: "viewer-password-1" },
  });
  expect(created.status()).toBe(201);
  const context = await browser.newContext();
  const viewer = await context.newPage();
  await signIn(viewer, username, "viewer-password-1");
  for (const p of ADMIN_ONLY) {
    await viewer.goto(p);
    await expect(viewer, p).toHaveURL(/\/forbidden/);
  }
  await context.close();
});
