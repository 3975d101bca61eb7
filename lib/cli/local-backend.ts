/**
 * The CLI's in-process mode, on the dashboard's own machine: the same services
 * the API routes call, against the configured database (DATABASE_URL) and
 * fleet key, as the actor cli:<user> with the admin role (whoever can read the
 * database and the key can do anything anyway). Rollouts run in this process:
 * close() waits for them. Loaded only in this mode, so client mode never
 * loads Prisma.
 */
import os from "node:os";
import { ZAuditQuery } from "../domain/audit/audit-query";
import { ZBranchListQuery } from "../domain/inventory/branch-input";
import { ZHostSearchQuery } from "../domain/inventory/host-search";
import { ZStartRolloutInput } from "../domain/rollouts/rollout-input";
import { ZCreateApiTokenInput } from "../domain/tokens/token-input";
import { ZUpdateUserInput } from "../domain/users/user-input";
import { AppError } from "../server/errors/app-error";
import type { Backend } from "./backend";
import { CliError, EXIT } from "./exit-codes";

/** A service's AppError as the CLI reports it: the message, the fields, the exit code its status means. */
function toCliError(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  const fields = Object.entries(error.fields).flatMap(([k, v]) => v.map((m) => `  ${k}: ${m}`));
  const exit = error.status === 401 || error.status === 403 ? EXIT.unauthorised : EXIT.failed;
  return new CliError(exit, error.message, fields);
}

export async function localBackend(): Promise<Backend> {
  const actor = { userId: null, username: `cli:${os.userInfo().username}`, role: "admin" as const };
  const { db } = await import("../server/db/client");
  const running: Promise<void>[] = [];
  const backend: Backend = {
    mode: "local",
    listBranches: async (q) =>
      (await import("../server/inventory/list-branches")).listBranches(ZBranchListQuery.parse(q)),
    getBranch: async (code) => (await import("../server/inventory/get-branch")).getBranch(code),
    searchHosts: async (q) => (await import("../server/inventory/search-hosts")).searchHosts(ZHostSearchQuery.parse(q)),
    getHost: async (id) => (await import("../server/inventory/get-host")).getHost(id),
    listRollouts: async (q) =>
      (await (await import("../server/rollouts/list-rollouts")).listRollouts({ branchCode: q.branch, limit: q.limit }))
        .rollouts,
    startRollout: async (input) => {
      const { startRollout } = await import("../server/rollouts/start-rollout");
      const { id, done } = await startRollout(actor, ZStartRolloutInput.parse(input));
      running.push(done);
      return id;
    },
    getRollout: async (id) => (await import("../server/rollouts/get-rollout")).getRollout(id),
    resumeRollout: async (id) => {
      const { resumeRollout } = await import("../server/rollouts/resume-rollout");
      const { done } = await resumeRollout(actor, id);
      running.push(done);
      return id;
    },
    cancelRollout: async (id) => (await import("../server/rollouts/cancel-rollout")).cancelRollout(actor, id),
    listAudit: async (q) =>
      (await import("../server/audit/list-audit-events")).listAuditEvents(actor, ZAuditQuery.parse(q)),
    listUsers: async () => (await import("../server/users/list-users")).listUsers(),
    createUser: async (input) => (await import("../server/users/create-user")).createUser(actor, input),
    updateUser: async (id, input) =>
      (await import("../server/users/update-user")).updateUser(actor, id, ZUpdateUserInput.parse(input)),
    // This process has no person behind it: it lists every token and creates service tokens only.
    listTokens: async () => (await import("../server/tokens/list-api-tokens")).listApiTokens(actor),
    createToken: async (input) =>
      (await import("../server/tokens/create-api-token")).createApiToken(actor, ZCreateApiTokenInput.parse(input)),
    revokeToken: async (id) => (await import("../server/tokens/revoke-api-token")).revokeApiToken(actor, id),
    importFleet: async (input) => (await import("../server/import/import-fleet")).importFleet(actor, input),
    exportFleet: async (format, branch) =>
      (await (await import("../server/import/export-fleet-file")).exportFleetFile(format, branch)).content,
    close: async () => {
      await Promise.allSettled(running);
      await db().$disconnect();
    },
  };
  // Every method's AppError leaves as a CliError; close() is left as it is.
  for (const [name, fn] of Object.entries(backend)) {
    if (typeof fn !== "function" || name === "close") continue;
    (backend as unknown as Record<string, unknown>)[name] = (...args: unknown[]) =>
      (fn as (...a: unknown[]) => Promise<unknown>)(...args).catch((e: unknown) => Promise.reject(toCliError(e)));
  }
  return backend;
}
