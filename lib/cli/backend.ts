/**
 * Everything the CLI asks of the dashboard, one method per API operation: the
 * HTTP client (http-backend.ts, a token and /api/v1) and the in-process one
 * (local-backend.ts, the database and fleet key of this machine) both
 * implement it, so a command is written once and answers the same in both.
 * Types are the route schemas' (lib/domain/*-views.ts).
 */
import type { AuditQuery } from "../domain/audit/audit-query";
import type { AuditListResponse } from "../domain/audit/audit-views";
import type { ImportInput, ImportResult } from "../domain/import/import-views";
import type { BranchListQuery } from "../domain/inventory/branch-input";
import type { HostSearchResponse } from "../domain/inventory/host-search-views";
import type { HostSearchQuery } from "../domain/inventory/host-search";
import type { z } from "zod";
import type { BranchSummary, ZBranchDetailResponse, ZHostDetailResponse } from "../domain/inventory/inventory-views";
import type { RolloutDetailResponse, RolloutView } from "../domain/rollouts/rollout-views";
import type { StartRolloutInput } from "../domain/rollouts/rollout-input";
import type { CreateUserInput, UpdateUserInput } from "../domain/users/user-input";
import type { UserView } from "../domain/users/user-views";
import type { CreateTokenInput, CreatedToken, TokenView } from "./token-views";

export type BranchDetail = z.infer<typeof ZBranchDetailResponse>;
export type HostDetail = z.infer<typeof ZHostDetailResponse>;
export type ExportFormat = "csv" | "json";

export interface Backend {
  /** "http" (a dashboard at a URL) or "local" (this machine's database): said in messages. */
  readonly mode: "http" | "local";
  listBranches(query: Partial<BranchListQuery>): Promise<BranchSummary[]>;
  getBranch(code: string): Promise<BranchDetail>;
  searchHosts(query: Partial<HostSearchQuery> & { q: string }): Promise<HostSearchResponse>;
  getHost(id: number): Promise<HostDetail>;
  listRollouts(query: { branch?: string; limit?: number }): Promise<RolloutView[]>;
  startRollout(input: StartRolloutInput): Promise<number>;
  getRollout(id: number): Promise<RolloutDetailResponse>;
  resumeRollout(id: number): Promise<number>;
  cancelRollout(id: number): Promise<void>;
  listAudit(query: Partial<AuditQuery>): Promise<AuditListResponse>;
  listUsers(): Promise<UserView[]>;
  createUser(input: CreateUserInput): Promise<UserView>;
  updateUser(id: number, input: UpdateUserInput): Promise<UserView>;
  listTokens(): Promise<TokenView[]>;
  createToken(input: CreateTokenInput): Promise<CreatedToken>;
  revokeToken(id: number): Promise<TokenView>;
  importFleet(input: ImportInput): Promise<ImportResult>;
  exportFleet(format: ExportFormat, branch: string | undefined): Promise<string>;
  /** Waits for work this process started (an in-process rollout) and lets go of connections. */
  close(): Promise<void>;
}
