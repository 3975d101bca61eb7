import type { Role } from "@/lib/domain/role";
import { FEATURE_OPERATIONS } from "./feature-operations";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/**
 * Every /api/v1 operation, as the OpenAPI document describes it. Schema names
 * refer to openapi-schemas.ts. A test imports every route file under
 * app/api/v1 and fails when a handler is missing here (or listed but absent).
 */
export type ApiOperation = {
  method: HttpMethod;
  path: string;
  summary: string;
  role: Role | "anonymous";
  query?: string;
  body?: string;
  /** Response schema name; none means 204 No Content. */
  response?: string;
  status?: number;
};

const op = (method: HttpMethod, path: string, role: ApiOperation["role"], summary: string, more: Partial<ApiOperation> = {}): ApiOperation =>
  ({ method, path: `/api/v1${path}`, role, summary, ...more });

const INVENTORY_OPERATIONS: ApiOperation[] = [
  op("post", "/session", "anonymous", "Sign in; sets the httpOnly session cookie", { body: "SignInInput", response: "SessionResponse" }),
  op("get", "/session", "viewer", "Who is signed in", { response: "SessionResponse" }),
  op("delete", "/session", "viewer", "Sign out; clears the cookie"),
  op("get", "/branches", "viewer", "Fleet overview: branches with host counts and gateways", { query: "BranchListQuery", response: "BranchListResponse" }),
  op("post", "/branches", "admin", "Create a branch", { body: "CreateBranchInput", response: "BranchWriteResponse", status: 201 }),
  op("get", "/branches/{code}", "viewer", "A branch with its gateway and hosts (each with its guest)", { response: "BranchDetailResponse" }),
  op("patch", "/branches/{code}", "admin", "Edit a branch; a new LAN/pool must not strand guests, hosts or the gateway", { body: "UpdateBranchInput", response: "BranchWriteResponse" }),
  op("delete", "/branches/{code}", "admin", "Delete an empty branch (409 while it has hosts or a gateway)"),
  op("get", "/branches/{code}/gateway", "viewer", "The branch's gateway (404 when none)", { response: "GatewayResponse" }),
  op("put", "/branches/{code}/gateway", "admin", "Create or replace the branch's gateway", { body: "GatewayInput", response: "GatewayResponse" }),
  op("delete", "/branches/{code}/gateway", "admin", "Delete the branch's gateway"),
  op("get", "/branches/{code}/hosts", "viewer", "The branch's hosts, filtered", { query: "HostListQuery", response: "HostListResponse" }),
  op("post", "/branches/{code}/hosts", "admin", "Add a host (and its guest); link-local address and guest MAC allocated when absent", { body: "CreateHostInput", response: "HostWriteResponse", status: 201 }),
  op("get", "/hosts/{id}", "viewer", "A host with its guest and its branch", { response: "HostDetailResponse" }),
  op("patch", "/hosts/{id}", "admin", "Edit a host", { body: "UpdateHostInput", response: "HostWriteResponse" }),
  op("delete", "/hosts/{id}", "admin", "Delete a host and its guest"),
  op("put", "/hosts/{id}/guest", "admin", "Create or replace the host's guest (an existing guest keeps its MAC when none is sent)", { body: "GuestInput", response: "GuestResponse" }),
  op("delete", "/hosts/{id}/guest", "admin", "Delete the host's guest"),
  op("get", "/audit", "viewer", "Audit events, newest first, filtered, keyset-paginated", { query: "AuditQuery", response: "AuditListResponse" }),
  op("get", "/users", "admin", "Users (never with password hashes)", { response: "UserListResponse" }),
  op("post", "/users", "admin", "Create a user", { body: "CreateUserInput", response: "UserResponse", status: 201 }),
  op("patch", "/users/{id}", "admin", "Change role, disable/enable, or reset the password (ends the user's sessions)", { body: "UpdateUserInput", response: "UserResponse" }),
  op("get", "/openapi.json", "viewer", "This document", { response: "OpenApiDocument" }),
];

/** Each feature area lists its own operations; the document is their union. */
export const API_OPERATIONS: ApiOperation[] = [...INVENTORY_OPERATIONS, ...FEATURE_OPERATIONS];
