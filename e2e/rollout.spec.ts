import { readFileSync } from "node:fs";
import { expect, request, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { probeSshHostKey } from "../lib/ssh/probe-ssh-host-key";
import { SSH_PORT } from "../lib/domain/values/port";
import type { Ipv4 } from "../lib/domain/values/ipv4";
import { enrolLab, requestCall, sendExpecting, unenrolLab } from "./lab/enrol-lab";
import { Lab } from "./lab/lab";
import { skipLab } from "./lab/lab-test-support";
import { adminPassword, runTag, signIn } from "./sign-in";

/**
 * The product's promise, in the browser: an operator takes a bare lab branch
 * (a gateway and two hosts as network namespaces with real sshd and
 * netfilter, no rules) to a working support path. The dashboard under test
 * runs in the root namespace and reaches the lab through its HQ route; its
 * fleet key is authorised on every box. Needs root (the lab): without it the
 * spec is skipped with a banner saying so (with CI set it fails instead).
 */
test.describe("rollouts on a lab branch", () => {
  test.skip(
    skipLab("e2e/rollout.spec.ts: an operator previews, applies and watches a branch rollout"),
    "needs root: see the banner",
  );

  let lab: Lab | undefined;
  let api: APIRequestContext | undefined;
  const operator = { username: `operator-${runTag()}`, password: "operator-password-1" };

  test.beforeAll(async () => {
    // Building namespaces and enrolling through the API on a busy 2-core box.
    test.setTimeout(240_000);
    const pubkey = process.env.E2E_FLEET_PUBKEY;
    if (!pubkey)
      throw new Error(
        "E2E_FLEET_PUBKEY is not set: run the specs through scripts/e2e-run.ts, " +
          "which sets it to the server's fleet public key",
      );
    lab = await Lab.up({ branches: 1, hostsPerBranch: 2, extraAuthorizedKeys: [readFileSync(pubkey, "utf8")] });
    api = await request.newContext({ baseURL: process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100" });
    await sendExpecting(api, {
      method: "POST",
      path: "/api/v1/session",
      body: { username: "admin", password: adminPassword() },
      expect: 200,
    });
    await enrolLab(lab.inventory, (r) => sendExpecting(api!, r));
    await sendExpecting(api, {
      method: "POST",
      path: "/api/v1/users",
      body: { ...operator, role: "operator" },
      expect: 201,
    });
  });

  test.afterAll(async () => {
    if (api && lab) await unenrolLab(lab.inventory, requestCall(api));
    await api?.dispose();
    await lab?.down();
  });

  test("an operator previews, applies and watches a branch rollout to completion in the browser", async ({ page }) => {
    test.setTimeout(300_000);
    const branch = lab!.inventory.branches[0]!;
    const gatewayPlan = planOf(page, `gateway ${branch.gateway.hostname} (${branch.code})`);
    const hostPlans = branch.hosts.map((h) => planOf(page, `host ${h.hostname} (${branch.code})`));

    await test.step(
      "the operator opens the enrolled branch: " + "the gateway's key is trusted, the hosts are not reachable yet",
      async () => {
        await signIn(page, operator.username, operator.password);
        await page.goto(`/branches/${branch.code}`);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(branch.code);
        await expect(page.getByRole("region", { name: "Gateway", exact: true })).toContainText(
          branch.gateway.hostKeyFingerprint,
        );
        // Bare boxes: nothing answers on a guest's IP port 22 yet.
        expect((await probe(branch.hosts[0]!.guest.ip)).ok).toBe(false);
      },
    );

    await test.step("Preview plans the NAT trick on every box, coloured as additions", async () => {
      await page.getByRole("button", { name: "Preview", exact: true }).click();
      await expect(page.getByTestId("preview-verdict")).toHaveText(
        /^3 of 3 targets would change: \+\d+ rules, −0 rules\.$/,
        { timeout: 90_000 },
      );
      await expect(added(gatewayPlan, "SNAT")).not.toHaveCount(0);
      for (const plan of hostPlans) {
        await expect(added(plan, "REDIRECT")).not.toHaveCount(0);
        await expect(added(plan, "arpreply")).not.toHaveCount(0);
      }
      const recent = page.getByRole("table", { name: `Recent rollouts of ${branch.code}` });
      await expect(recent).toContainText("preview");
      // The list catches up once the preview it lists has ended.
      await expect(recent.getByText("succeeded", { exact: true })).toBeVisible();
    });

    await test.step("Apply asks with the counts, starts the rollout and shows its page", async () => {
      await page.getByRole("button", { name: "Apply", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: `Apply rules to ${branch.code}?` });
      await expect(dialog.getByTestId("apply-counts")).toContainText("3 of 3 targets to change");
      await expect(dialog.getByTestId("apply-counts")).toContainText(/\d+ rules to add, 0 to remove/);
      await dialog.getByRole("button", { name: "Apply", exact: true }).click();
      await expect(page).toHaveURL(/\/rollouts\/\d+$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Rollout #\d+$/);
    });

    await test.step("the rollout page follows it to the end: every target succeeded", async () => {
      // Gateway, then both hosts, each applied, verified from head office and confirmed.
      await expect(page.getByTestId("rollout-status")).toHaveText("succeeded", { timeout: 180_000 });
      const rows = page.getByRole("table", { name: "Targets" }).locator("tbody > tr");
      await expect(rows).toHaveCount(3);
      for (const [label, kind] of [
        [`gateway ${branch.gateway.hostname} (${branch.code})`, "gateway"],
        ...branch.hosts.map((h) => [`host ${h.hostname} (${branch.code})`, "host"]),
      ] as const) {
        const row = rows.filter({ hasText: label });
        await expect(row).toContainText(kind);
        await expect(row.getByText("succeeded", { exact: true })).toBeVisible();
        await expect(row).toContainText(/\d+\.\d s/);
      }
      await expect(page.getByTestId("total-succeeded")).toHaveText("3");
      await expect(page.getByRole("progressbar", { name: "Rollout progress" })).toHaveAttribute("aria-valuenow", "3");
      await expect(page.getByRole("button", { name: "Cancel" })).toHaveCount(0);

      const host = `host ${branch.hosts[0]!.hostname} (${branch.code})`;
      await page.getByRole("button", { name: `Show details of ${host}` }).click();
      await expect(added(page.locator(`[aria-label="Plan for ${host}"]`), "REDIRECT")).not.toHaveCount(0);
      await expect(page.getByLabel(`Output of ${host}`)).not.toBeEmpty();
    });

    await test.step("from head office, every guest IP:22 now presents its own host's key", async () => {
      for (const h of branch.hosts) {
        const seen = await probe(h.guest.ip);
        expect(seen.ok ? seen.value : seen.error.message, `${h.guest.ip} -> ${h.hostname}`).toBe(h.hostKeyFingerprint);
      }
    });

    await test.step("a second Preview finds nothing to change", async () => {
      await page.getByRole("link", { name: branch.code, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/branches/${branch.code}$`));
      await expect(page.getByRole("table", { name: `Recent rollouts of ${branch.code}` })).toContainText("apply");
      await page.getByRole("button", { name: "Preview", exact: true }).click();
      await expect(page.getByTestId("preview-verdict")).toHaveText("No changes: every target already has its rules.", {
        timeout: 90_000,
      });
      for (const plan of [gatewayPlan, ...hostPlans]) {
        await expect(plan.getByText("no changes", { exact: true })).toBeVisible();
        await expect(plan.locator('[data-diff="+"], [data-diff="-"]')).toHaveCount(0);
      }
    });

    await test.step(
      "Scan shows the key a host presents before " + "anything is trusted; Trust this key pins it",
      async () => {
        const h = branch.hosts[1]!;
        await page.getByRole("link", { name: h.hostname, exact: true }).click();
        await expect(page).toHaveURL(/\/hosts\/\d+$/);
        await page.getByRole("button", { name: "Trust host key", exact: true }).click();
        await page.getByRole("button", { name: "Scan", exact: true }).click();
        const seen = page.getByRole("group", { name: `Key presented by host ${h.hostname}` });
        await expect(seen.getByTestId("scanned-fingerprint")).toHaveText(h.hostKeyFingerprint, { timeout: 60_000 });
        await expect(seen).toContainText("the key already pinned");
        await seen.getByRole("button", { name: "Trust this key", exact: true }).click();
        await expect(page.getByRole("status").filter({ hasText: "Scanned and trusted" })).toContainText(
          `${h.hostKeyFingerprint} (already the pinned key)`,
          { timeout: 60_000 },
        );
      },
    );
  });
});

/** One target's section of the preview, by its label ("host br-0001-h01 (BR-0001)"). */
function planOf(page: Page, label: string) {
  return page.getByRole("region", { name: label, exact: true });
}

/** The "+ " lines of a plan that mention `what`. */
function added(plan: Locator, what: string) {
  return plan.locator('[data-diff="+"]').filter({ hasText: what });
}

const probe = (ip: string) => probeSshHostKey(ip as Ipv4, SSH_PORT, 5_000);
