import { expect, test, type Page } from "@playwright/test";
import { runTag, signIn } from "./sign-in";

/** The first column's text of every body row: the order the table shows. */
async function firstColumn(page: Page, table: string): Promise<string[]> {
  return page.getByRole("table", { name: table }).locator("tbody tr td:first-child").allInnerTexts();
}

test("the fleet and hosts tables filter and sort", async ({ page }) => {
  test.setTimeout(120_000);
  const tag = runTag();
  await signIn(page);

  // Three branches whose host counts differ (0, 2, 1); hosts with guest IPs .9 and .10, which sort wrong as text.
  // Codes allow 8 digits: the run tag's last 6 and the branch's number.
  const codes = [1, 2, 3].map((n) => `BR-${tag.slice(-6)}${n}`);
  // Branch LANs may not overlap: three /26s of TEST-NET-1, which no other spec or the lab uses.
  const lans = ["192.0.2.128/26", "192.0.2.0/26", "192.0.2.64/26"];
  for (const [i, code] of codes.entries()) {
    const region = i === 2 ? `North ${tag}` : `South ${tag}`;
    const res = await page.request.post("/api/v1/branches", {
      data: { code, name: `Tables ${tag} ${i}`, region, lanCidr: lans[i] },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  const addHost = async (code: string, n: number, ip: string) => {
    const res = await page.request.post(`/api/v1/branches/${code}/hosts`, {
      data: {
        hostname: `t${tag}-${code.slice(-1)}-h${n}`,
        serial: `T-${tag}-${code.slice(-1)}-${n}`,
        nicMac: `02:${tag.slice(0, 2)}:${tag.slice(2, 4)}:${tag.slice(4, 6)}:${code.slice(-1).padStart(2, "0")}:0${n}`,
        guest: { name: `WS${n}`, domain: `win2k-${tag}-${code.slice(-1)}-${n}`, ip },
      },
    });
    expect(res.status(), await res.text()).toBe(201);
  };
  await addHost(codes[1]!, 1, "192.0.2.10");
  await addHost(codes[1]!, 2, "192.0.2.9");
  await addHost(codes[2]!, 1, "192.0.2.84");

  await test.step("the fleet filters by text and region, and sorts by host count", async () => {
    await page.goto("/");
    await page.getByLabel("Search").fill(`Tables ${tag}`);
    await expect.poll(() => firstColumn(page, "Branches")).toEqual(codes);
    await expect(page).toHaveURL(new RegExp(`q=Tables`));

    await page.getByRole("button", { name: "Hosts" }).click();
    await expect.poll(() => firstColumn(page, "Branches")).toEqual([codes[0], codes[2], codes[1]]);
    await page.getByRole("button", { name: "Hosts" }).click();
    await expect.poll(() => firstColumn(page, "Branches")).toEqual([codes[1], codes[2], codes[0]]);
    await expect(page.getByRole("columnheader", { name: "Hosts" })).toHaveAttribute("aria-sort", "descending");

    await page.getByLabel("Region").selectOption(`North ${tag}`);
    await expect.poll(() => firstColumn(page, "Branches")).toEqual([codes[2]]);

    // The filtered, sorted view survives a reload: it lives in the URL.
    await page.reload();
    await expect(page.getByLabel("Region")).toHaveValue(`North ${tag}`);
    await expect.poll(() => firstColumn(page, "Branches")).toEqual([codes[2]]);
  });

  await test.step("a branch's hosts sort by guest IP numerically and filter by any address", async () => {
    await page.goto(`/branches/${codes[1]}`);
    const h1 = `t${tag}-2-h1`;
    const h2 = `t${tag}-2-h2`;
    await page.getByRole("button", { name: "Guest IP" }).click();
    await expect.poll(() => firstColumn(page, "Hosts")).toEqual([h2, h1]);
    await page.getByRole("button", { name: "Guest IP" }).click();
    await expect.poll(() => firstColumn(page, "Hosts")).toEqual([h1, h2]);

    await page.getByLabel("Filter hosts").fill("192.0.2.9");
    await expect.poll(() => firstColumn(page, "Hosts")).toEqual([h2]);
    await page.getByLabel("Filter hosts").fill("no-such-host");
    await expect(page.getByText("No host matches these filters.")).toBeVisible();
  });
});
