import { expect, type Page } from "@playwright/test";

/**
 * The admin's password: the one the server was first started with. The lead's
 * test script sets BRANCHDESK_ADMIN_PASSWORD for the server; E2E_ADMIN_PASSWORD
 * wins when the specs run against a server started some other way.
 */
export function adminPassword(): string {
  const password = process.env.E2E_ADMIN_PASSWORD ?? process.env.BRANCHDESK_ADMIN_PASSWORD;
  if (!password)
    throw new Error(
      "set E2E_ADMIN_PASSWORD (or BRANCHDESK_ADMIN_PASSWORD) to the admin password the server was started with",
    );
  return password;
}

/** Signs in through the login page, as a person would, and waits for the dashboard. */
export async function signIn(page: Page, username = "admin", password = adminPassword()): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toContainText(username);
}

/** A per-run tag so specs can run again against the same database without unique clashes. */
export function runTag(): string {
  return String(Date.now() % 100_000_000).padStart(8, "0");
}
