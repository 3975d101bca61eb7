/** The dashboard over its JSON API, with a token (api-client.ts): the CLI's client mode. */
import { ZAuditListResponse } from "../domain/audit/audit-views";
import { ZImportResult } from "../domain/import/import-views";
import { ZHostSearchResponse } from "../domain/inventory/host-search-views";
import { ZBranchDetailResponse, ZBranchListResponse, ZHostDetailResponse } from "../domain/inventory/inventory-views";
import {
  ZRolloutDetailResponse,
  ZRolloutListResponse,
  ZRolloutStartedResponse,
} from "../domain/rollouts/rollout-views";
import { ZUserListResponse, ZUserResponse } from "../domain/users/user-views";
import { callApi, type ApiCall, type Fetch } from "./api-client";
import type { Backend } from "./backend";
import type { Connection } from "./connection";
import { ZCreatedToken, ZTokenListResponse, ZTokenResponse } from "./token-views";

export function httpBackend(connection: Connection, fetchImpl: Fetch = fetch): Backend {
  const call = <T>(c: ApiCall<T>) => callApi(connection, fetchImpl, c);
  const seg = encodeURIComponent;
  return {
    mode: "http",
    listBranches: async (query) =>
      (await call({ method: "GET", path: "branches", query, schema: ZBranchListResponse })).branches,
    getBranch: (code) => call({ method: "GET", path: `branches/${seg(code)}`, schema: ZBranchDetailResponse }),
    searchHosts: (query) => call({ method: "GET", path: "hosts", query, schema: ZHostSearchResponse }),
    getHost: (id) => call({ method: "GET", path: `hosts/${id}`, schema: ZHostDetailResponse }),
    listRollouts: async (query) =>
      (await call({ method: "GET", path: "rollouts", query, schema: ZRolloutListResponse })).rollouts,
    startRollout: async (body) =>
      (await call({ method: "POST", path: "rollouts", body, schema: ZRolloutStartedResponse })).rollout.id,
    getRollout: (id) => call({ method: "GET", path: `rollouts/${id}`, schema: ZRolloutDetailResponse }),
    resumeRollout: async (id) =>
      (await call({ method: "POST", path: `rollouts/${id}/resume`, schema: ZRolloutStartedResponse })).rollout.id,
    cancelRollout: (id) => call({ method: "POST", path: `rollouts/${id}/cancel`, schema: null }),
    listAudit: (query) => call({ method: "GET", path: "audit", query, schema: ZAuditListResponse }),
    listUsers: async () => (await call({ method: "GET", path: "users", schema: ZUserListResponse })).users,
    createUser: async (body) => (await call({ method: "POST", path: "users", body, schema: ZUserResponse })).user,
    updateUser: async (id, body) =>
      (await call({ method: "PATCH", path: `users/${id}`, body, schema: ZUserResponse })).user,
    listTokens: async () => (await call({ method: "GET", path: "tokens", schema: ZTokenListResponse })).tokens,
    createToken: (body) => call({ method: "POST", path: "tokens", body, schema: ZCreatedToken }),
    revokeToken: async (id) => (await call({ method: "DELETE", path: `tokens/${id}`, schema: ZTokenResponse })).token,
    // A whole file: the import route's own 32 MiB limit, and time to check every row.
    importFleet: (body) => call({ method: "POST", path: "import", body, schema: ZImportResult, timeoutMs: 600_000 }),
    exportFleet: (format, branch) =>
      call({
        method: "GET",
        path: format === "json" ? "export.json" : "export",
        query: { branch },
        schema: "text",
        timeoutMs: 600_000,
      }),
    close: async () => {},
  };
}
