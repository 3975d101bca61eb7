/**
 * Branchdesk for automation: `npm run branchdesk -- <command>`.
 *
 *   apply --branch BR-0042 [--branch …] | --all   [--dry-run] [--concurrency N]
 *         [--canary] [--failure-budget N] [--json]
 *   rollouts [--branch BR-0042]             list recent rollouts
 *   rollout ID [--json]                     one rollout with every target
 *   resume ID                               resume an interrupted rollout
 *   ssh BOX [--path support|gateway|direct] a shell on a host or gateway (hostname, guest name or
 *                                           host:ID), recorded and audited like the web terminal
 *   import FILE [--dry-run] [--format json]  bulk import (preview with --dry-run): scripts/branchdesk-import.ts
 *   export [--branch CODE] [--format json]   the fleet or a branch in the import format, to stdout
 *
 * Runs in-process against the configured database (DATABASE_URL) with the
 * fleet key (BRANCHDESK_SSH_KEY); recorded in the audit log as cli:<user>.
 * Exit code: 0 when the rollout succeeded, 1 when any target failed, 2 on bad usage.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { newRequestId, runWithRequestId } from "../lib/server/request-context";

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      branch: { type: "string", multiple: true },
      all: { type: "boolean" },
      "dry-run": { type: "boolean" },
      concurrency: { type: "string" },
      canary: { type: "boolean" },
      "failure-budget": { type: "string" },
      json: { type: "boolean" },
      path: { type: "string" },
      format: { type: "string" },
    },
  });
  const { ZStartRolloutInput } = await import("../lib/domain/rollouts/rollout-input");
  const { db } = await import("../lib/server/db/client");
  const { getRollout } = await import("../lib/server/rollouts/get-rollout");
  const { listRollouts } = await import("../lib/server/rollouts/list-rollouts");
  const actor = { userId: null, username: `cli:${os.userInfo().username}`, role: "admin" as const };
  const [command, arg] = positionals;
  const show = async (id: number): Promise<number> => {
    const r = await getRollout(id);
    const code = r.rollout.status === "succeeded" ? 0 : 1;
    if (values.json) {
      console.log(JSON.stringify(r, null, 2));
      return code;
    }
    console.log(
      `rollout #${id} ${r.rollout.status}${r.rollout.dryRun ? " (dry run)" : ""}: ${r.rollout.summary ?? ""}`,
    );
    for (const t of r.targets) {
      console.log(`  ${t.status.padEnd(11)} ${t.label}${t.error ? ` — ${t.error}` : ""}`);
      if (t.plan && t.plan.changed && r.rollout.dryRun)
        for (const line of t.plan.diff.filter((l) => !l.startsWith("  "))) console.log(`      ${line}`);
    }
    return code;
  };
  try {
    if (command === "apply") {
      const branchCodes = values.all
        ? (await db().branch.findMany({ select: { code: true }, orderBy: { code: "asc" } })).map((b) => b.code)
        : (values.branch ?? []);
      const input = ZStartRolloutInput.safeParse({
        branchCodes,
        dryRun: values["dry-run"] ?? false,
        canary: values.canary ?? false,
        ...(values.concurrency && { concurrency: Number(values.concurrency) }),
        ...(values["failure-budget"] && { failureBudget: Number(values["failure-budget"]) }),
      });
      if (!input.success) {
        console.error(input.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("\n"));
        return 2;
      }
      const { startRollout } = await import("../lib/server/rollouts/start-rollout");
      const { id, done } = await startRollout(actor, input.data);
      console.error(`rollout #${id} started`);
      await done;
      return await show(id);
    }
    if (command === "rollouts") {
      // Codes are typed in any case and stored upper-case: parse before looking them up.
      const { parseBranchCode } = await import("../lib/domain/inventory/branch-code");
      const code = values.branch?.[0] === undefined ? null : parseBranchCode(values.branch[0]);
      if (code && !code.ok) {
        console.error(`--branch: ${code.error}`);
        return 2;
      }
      const { rollouts } = await listRollouts({ branchCode: code?.value });
      for (const r of rollouts)
        console.log(
          `#${r.id}\t${r.status}\t${r.dryRun ? "dry-run" : "apply"}\t${r.createdBy}\t` +
            `${r.branchCodes.join(",")}\t${r.summary ?? ""}`,
        );
      return 0;
    }
    if (command === "rollout" && arg) return await show(Number(arg));
    if (command === "ssh") {
      const { sshCommand } = await import("./branchdesk-ssh");
      return await sshCommand(actor, arg, values.path);
    }
    if (command === "import" || command === "export") {
      const { importExportCommand } = await import("./branchdesk-import");
      return await importExportCommand(actor, command, arg, values);
    }
    if (command === "resume" && arg) {
      const { resumeRollout } = await import("../lib/server/rollouts/resume-rollout");
      const { done } = await resumeRollout(actor, Number(arg));
      await done;
      return await show(Number(arg));
    }
    console.error(
      "usage: npm run branchdesk -- apply --branch BR-0042 [--dry-run] | rollouts | rollout ID | resume ID | ssh BOX" +
        " | import FILE [--dry-run] | export [--branch CODE] [--format json]",
    );
    return 2;
  } catch (e) {
    console.error(`branchdesk: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    await db().$disconnect();
  }
}

// One correlation id for all this run writes, as an API request has (lib/server/request-context.ts).
runWithRequestId(newRequestId(), main).then((code) => process.exit(code));
