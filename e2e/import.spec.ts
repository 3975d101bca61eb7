import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { runTag, signIn } from "./sign-in";

async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/**
 * Issue 11, bulk import: a techie uploads a spreadsheet saved by a European
 * Excel (BOM, ';', CRLF), the preview lists the bad row with its row and
 * column, the fixed file previews clean, the commit writes it, and the hosts
 * are on the branch page. Addresses: 198.19.251.0/24, which no other spec uses.
 */
test("upload a fleet file, see its error in the preview, fix it, preview, commit, then see the hosts", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const tag = runTag();
  const code = `IMP-${tag}`;
  const mac = (n: number) => `02:${tag.slice(0, 2)}:${tag.slice(2, 4)}:${tag.slice(4, 6)}:1f:0${n}`;
  const file = (guestIp: string) =>
    "\uFEFF" +
    [
      "Branch Code;Branch Name;Region;LAN CIDR;Hostname;Serial;NIC MAC;Guest Name;Guest Domain;Guest MAC;Guest IP",
      `${code};"Import; test";Test;198.19.251.0/24;` +
        `imp-${tag}-h01;SN-IMP-${tag}-1;${mac(1)};WS-1;ws-1;${mac(3)};198.19.251.10`,
      `${code};;;;imp-${tag}-h02;SN-IMP-${tag}-2;${mac(2)};WS-2;ws-2;${mac(4)};${guestIp}`,
    ].join("\r\n") +
    "\r\n";
  const upload = (content: string) =>
    page.getByLabel("CSV or JSON file").setInputFiles({
      name: "fleet.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(content, "utf8"),
    });
  // The import's own live region (the header has another).
  const status = page.getByRole("status").filter({ hasText: /import|nothing to change/i });
  await signIn(page);

  await test.step("the header leads to the import page", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Import" })).toBeVisible();
  });

  await test.step("a guest IP outside the LAN: the preview names row 3, column guest_ip; no commit", async () => {
    await upload(file("198.19.252.11"));
    await page.getByRole("button", { name: "Preview" }).click();
    const errors = page.getByTestId("import-errors");
    await expect(errors.getByRole("row")).toHaveCount(2);
    const row = errors.getByRole("row").nth(1);
    await expect(row.getByRole("cell").nth(0)).toHaveText("3");
    await expect(row.getByRole("cell").nth(1)).toHaveText("guest_ip");
    await expect(row.getByRole("cell").nth(2)).toContainText("outside the branch LAN 198.19.251.0/24");
    await expect(page.getByRole("button", { name: "Commit" })).toBeDisabled();
    expect(await axeViolations(page)).toEqual([]);
  });

  await test.step("the fixed file previews clean, and commits", async () => {
    await upload(file("198.19.251.11"));
    await expect(page.getByRole("button", { name: "Commit" })).toBeDisabled();
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(status).toContainText("would import: 1 branch created, 2 hosts created");
    await expect(page.getByTestId("import-count-hosts")).toContainText("2");
    await expect(page.getByTestId("import-errors")).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Commit" }).click();
    await expect(status).toContainText("Imported.");
  });

  await test.step("the hosts are on the branch page", async () => {
    await page.getByRole("link", { name: `See the hosts of ${code}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: code })).toBeVisible();
    await expect(page.getByRole("link", { name: `imp-${tag}-h01` })).toBeVisible();
    await expect(page.getByRole("link", { name: `imp-${tag}-h02` })).toBeVisible();
  });

  await test.step("the same file again: nothing to change", async () => {
    await page.goto("/import");
    await upload(file("198.19.251.11"));
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(status).toContainText("nothing to change");
    await expect(page.getByRole("button", { name: "Commit" })).toBeDisabled();
  });

  // Leave the database as it was found: hosts first (a branch with hosts cannot be deleted).
  const hosts = (await (await page.request.get(`/api/v1/branches/${code}/hosts`)).json()) as {
    hosts: { id: number }[];
  };
  for (const h of hosts.hosts) expect((await page.request.delete(`/api/v1/hosts/${h.id}`)).status()).toBe(204);
  expect((await page.request.delete(`/api/v1/branches/${code}`)).status()).toBe(204);
});
