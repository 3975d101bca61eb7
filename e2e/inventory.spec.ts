import { expect, test, type Page } from "@playwright/test";
import { runTag, signIn } from "./sign-in";

/**
 * A newcomer builds a branch's inventory by hand: branch, gateway, a host with
 * its guest (after being told what is wrong with a bad MAC and a guest IP
 * outside the LAN), edits the host, tears it all down, and finds every change
 * in the audit log. Addresses are documentation ranges only.
 */
/**
 * Click a link and wait for the page it leads to. The page being left may have
 * fields with the same labels (the branch page's enrolment form has a
 * Hostname), and a fill must not land there before the navigation.
 */
async function follow(page: Page, link: string, heading: string) {
  await page.getByRole("link", { name: link, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
}

test("an admin builds a branch's inventory in the browser and every change is audited", async ({ page }) => {
  // A dozen page loads and writes on a 2-core box: more than the default minute.
  test.setTimeout(180_000);
  const tag = runTag();
  const code = `BR-${tag}`;
  const host = `br-${tag}-h01`;
  const gateway = `br-${tag}-gw`;
  // Unique per run: MACs must be unique fleet-wide, even against earlier runs.
  const mac = (last: string) =>
    `02:${tag.slice(0, 2)}:${tag.slice(2, 4)}:${tag.slice(4, 6)}:${tag.slice(6, 8)}:${last}`;
  await signIn(page);

  await test.step("create a branch", async () => {
    await follow(page, "New branch", "New branch");
    await page.getByLabel("Code").fill(code);
    await page.getByLabel("Name", { exact: true }).fill(`Lyon ${tag}`);
    await page.getByLabel("Region").fill("Auvergne-Rhône-Alpes");
    await page.getByLabel("LAN CIDR").fill("198.51.100.0/24");
    await page.getByRole("button", { name: "Create branch" }).click();
    await expect(page).toHaveURL(new RegExp(`/branches/${code}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(code);
    await expect(page.getByText("No hosts in this branch yet.")).toBeVisible();
  });

  await test.step("add its gateway", async () => {
    await follow(page, "Add gateway", "Add gateway");
    await page.getByLabel("Hostname").fill(gateway);
    await page.getByLabel("SSH address").fill("203.0.113.10");
    await page.getByLabel("LAN interface").fill("eth1");
    await page.getByLabel("LAN (routable) address").fill("198.51.100.1");
    await page.getByRole("button", { name: "Add gateway" }).click();
    await expect(page).toHaveURL(new RegExp(`/branches/${code}$`));
    const card = page.getByRole("region", { name: "Gateway", exact: true });
    await expect(card).toContainText(gateway);
    await expect(card).toContainText("root@203.0.113.10:22");
  });

  await test.step(
    "a bad MAC and a guest IP outside the LAN are " + "named next to their fields, and nothing is created",
    async () => {
      await follow(page, "Add host", "Add host");
      await page.getByLabel("Hostname").fill(host);
      await page.getByLabel("Serial / asset tag").fill(`SN-${tag}`);
      await page.getByLabel("NIC MAC").fill("02:00:5e:zz:00:01");
      await page.getByLabel("Guest name").fill(`WS-${tag}`);
      await page.getByLabel("libvirt domain").fill(`win2k-${tag}`);
      await page.getByLabel("Guest IP (branch LAN)").fill("198.51.100.27");
      await page.getByRole("button", { name: "Add host" }).click();

      const nicMac = page.getByLabel("NIC MAC");
      await expect(nicMac).toHaveAttribute("aria-invalid", "true");
      await expect(nicMac).toHaveAccessibleDescription(/"02:00:5e:zz:00:01" is not a MAC address/);
      await expect(page.getByTestId("form-error")).toContainText("nicMac");
      await expect(page.getByLabel("Guest IP (branch LAN)")).not.toHaveAttribute("aria-invalid", "true");

      await nicMac.fill(mac("01"));
      await page.getByLabel("Guest IP (branch LAN)").fill("203.0.113.50");
      await page.getByRole("button", { name: "Add host" }).click();
      const guestIp = page.getByLabel("Guest IP (branch LAN)");
      await expect(guestIp).toHaveAttribute("aria-invalid", "true");
      await expect(guestIp).toHaveAccessibleDescription(/outside the branch LAN 198\.51\.100\.0\/24/);
      await expect(page.getByLabel("NIC MAC")).not.toHaveAttribute("aria-invalid", "true");
      await expect(page.getByTestId("form-error")).toBeVisible();

      // Nothing was written: the API agrees, and the branch page still lists no host.
      const detail = await page.request.get(`/api/v1/branches/${code}`);
      expect((await detail.json()).hosts).toEqual([]);
    },
  );

  await test.step("add the host with its guest", async () => {
    await page.getByLabel("Guest IP (branch LAN)").fill("198.51.100.27");
    await page.getByRole("button", { name: "Add host" }).click();
    await expect(page).toHaveURL(new RegExp(`/branches/${code}$`));
    const row = page.getByRole("table", { name: "Hosts" }).getByRole("row", { name: new RegExp(host) });
    await expect(row).toContainText("198.51.100.27");
    await expect(row).toContainText(mac("01"));
    // The host's link-local address was allocated from the pool, and a guest MAC from 52:54:00.
    await expect(row).toContainText(/169\.254\.\d+\.\d+/);
    await expect(row).toContainText(/52:54:00:/);
  });

  await test.step("a branch with hosts cannot be deleted, and says why", async () => {
    await page.getByRole("button", { name: `Delete branch ${code}` }).click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    await expect(page.getByTestId("form-error")).toContainText(`branch ${code} still has 1 host`);
    await page.getByRole("button", { name: "Cancel" }).click();
  });

  await test.step("edit the branch", async () => {
    await follow(page, "Edit branch", `Edit ${code}`);
    await expect(page.getByLabel("Code")).toBeDisabled();
    await page.getByLabel("Name", { exact: true }).fill(`Lyon Part-Dieu ${tag}`);
    await page.getByRole("button", { name: "Save branch" }).click();
    await expect(page).toHaveURL(new RegExp(`/branches/${code}$`));
    await expect(page.getByRole("region", { name: "Branch", exact: true })).toContainText(`Lyon Part-Dieu ${tag}`);
  });

  await test.step("edit the host and its guest", async () => {
    await page.getByRole("link", { name: host }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(host);
    await follow(page, "Edit host", `Edit ${host}`);
    await page.getByLabel("State").selectOption("active");
    await page.getByLabel("Bridge").fill("br0");
    await page.getByRole("button", { name: "Save host" }).click();
    await expect(page).toHaveURL(/\/hosts\/\d+$/);
    const card = page.getByRole("region", { name: "Host", exact: true });
    await expect(card).toContainText("active");
    await expect(card).toContainText("br0");

    await page.getByRole("link", { name: "Edit guest" }).click();
    const guestForm = page.getByRole("form", { name: "Guest" });
    // The same LAN rule holds when editing: the error sits by the field and nothing changes.
    await guestForm.getByLabel("Guest IP (branch LAN)").fill("198.51.100.255");
    await guestForm.getByRole("button", { name: "Save guest" }).click();
    await expect(guestForm.getByLabel("Guest IP (branch LAN)")).toHaveAccessibleDescription(
      /broadcast address of 198\.51\.100\.0\/24/,
    );
    await guestForm.getByLabel("Guest IP (branch LAN)").fill("198.51.100.28");
    await guestForm.getByRole("button", { name: "Save guest" }).click();
    await expect(page).toHaveURL(/\/hosts\/\d+$/);
    await expect(page.getByRole("region", { name: "Guest", exact: true })).toContainText("198.51.100.28");
  });

  await test.step("delete the host, the gateway and the branch", async () => {
    await page.getByRole("button", { name: `Delete host ${host}` }).click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    await expect(page).toHaveURL(new RegExp(`/branches/${code}$`));
    await expect(page.getByText("No hosts in this branch yet.")).toBeVisible();

    await page.getByRole("button", { name: `Delete gateway ${gateway}` }).click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    await expect(page.getByRole("link", { name: "Add gateway" })).toBeVisible();

    await page.getByRole("button", { name: `Delete branch ${code}` }).click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { name: "Fleet" })).toBeVisible();
    await expect(page.getByRole("link", { name: code })).toHaveCount(0);
    expect((await page.request.get(`/api/v1/branches/${code}`)).status()).toBe(404);
  });

  await test.step("every change is in the audit log", async () => {
    await page.getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await auditShows(page, "branch", code, ["branch.create", "branch.update", "branch.delete"]);
    await auditShows(page, "gateway", code, ["gateway.create", "gateway.delete"]);
    await auditShows(page, "host", "", ["host.create", "host.update", "host.delete"], host);
    await auditShows(page, "guest", "", ["guest.update"], "198.51.100.28");
  });
});

/** Filters the audit page by entity and expects one row per action (and, optionally, text in each). */
async function auditShows(
  page: Page,
  entityType: string,
  entityId: string,
  actions: string[],
  text?: string,
): Promise<void> {
  await page.getByLabel("Entity type").selectOption(entityType);
  await page.getByLabel("Entity id").fill(entityId);
  const table = page.getByRole("table", { name: "Audit events" });
  for (const action of actions) {
    const row = table
      .getByRole("row")
      .filter({ hasText: action })
      .filter({ hasText: text ?? entityId });
    await expect(row.first()).toBeVisible();
    await expect(row.first()).toContainText("admin");
  }
}
