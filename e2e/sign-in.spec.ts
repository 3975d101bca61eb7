import { expect, test } from "@playwright/test";
import { adminPassword, signIn } from "./sign-in";

test("an anonymous visit to the fleet page goes to the sign-in page, and back after signing in", async ({ page }) => {
  await page.goto("/branches/new");
  await expect(page).toHaveURL(/\/login\?next=%2Fbranches%2Fnew$/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();

  await page.goto("/");
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill(adminPassword());
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Fleet" })).toBeVisible();
});

test("a wrong password shows the API's error and signs nobody in", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("wrong username or password");
  await expect(page).toHaveURL(/\/login/);
  // Still anonymous: the dashboard sends us back.
  await page.goto("/audit");
  await expect(page).toHaveURL(/\/login\?next=%2Faudit$/);
});

test("signing out ends the session: the header's button returns to the sign-in page", async ({ page }) => {
  await signIn(page);
  await expect(page.getByTestId("current-user")).toContainText("admin");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
});

test("an open-redirect attempt in ?next= lands on the fleet page, not another site", async ({ page }) => {
  await page.goto("/login?next=//evil.example/");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill(adminPassword());
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Fleet" })).toBeVisible();
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
});

// The forms a browser reads as another site once it drops tabs and newlines or turns "\" into "/".
const HOSTILE_NEXT = [
  "/%09/evil.example",
  "/%0a/evil.example",
  "/%5Cevil.example",
  "/%2f/evil.example",
  "//evil.example",
  "/\\evil.example",
  "javascript:alert(1)",
  "https://evil.example/",
];

test("a tab in ?next= (/%09/evil.example) does not send the browser away after signing in", async ({ page }) => {
  await page.goto("/login?next=/%09/evil.example");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill(adminPassword());
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Fleet" })).toBeVisible();
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
});

test("a signed-in visit to /login with a hostile ?next= redirects home (no 500, no other site)", async ({ page }) => {
  await signIn(page);
  const base = test.info().project.use.baseURL!;
  for (const next of HOSTILE_NEXT) {
    const res = await page.request.get(`/login?next=${next}`, { maxRedirects: 0 });
    expect(res.status(), next).toBe(307);
    expect(new URL(res.headers().location ?? "", base).href, next).toBe(new URL("/", base).href);
  }
});
