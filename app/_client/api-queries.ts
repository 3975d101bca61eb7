import { infiniteQueryOptions, queryOptions, type QueryKey } from "@tanstack/react-query";
import type { AuditListResponse } from "@/lib/domain/audit/audit-views";
import type { DirectorySettingsResponse } from "@/lib/domain/directory/directory-settings";
import type { UserListResponse } from "@/lib/domain/users/user-views";
import type { ApiTokenListResponse } from "@/lib/domain/tokens/token-views";
import type {
  BranchDetailResponse,
  BranchListResponse,
  HostDetailResponse,
} from "@/lib/domain/inventory/inventory-views";
import type { HostSearchResponse } from "@/lib/domain/inventory/host-search-views";
import type { RolloutDetailResponse, RolloutListResponse } from "@/lib/domain/rollouts/rollout-views";
import type { KnownHostsResponse, SshAccessResponse } from "@/lib/domain/terminal/ssh-access-views";
import type {
  TerminalRecordingResponse,
  TerminalSessionDetailResponse,
  TerminalSessionListResponse,
  TerminalSettingsResponse,
} from "@/lib/domain/terminal/terminal-session-views";
import { apiFetch } from "./api-fetch";
import { apiPaths, withSearch } from "./api-paths";

/**
 * One query object per resource the UI reads: its cache key, its URL and what
 * it answers (the type the route's contract declares, from lib/domain).
 * Server pages seed the cache with them (SeededQueries, seed()) and client
 * components read with them (useQuery(branchQuery(code))), so the key a page
 * seeds is the key a component reads, and the type of the seeded data is
 * checked against the query's. Every key starts with the resource's name: a
 * mutation invalidating branchesQuery().queryKey also drops every filtered
 * variant of the list (TanStack matches keys by prefix).
 */
function apiQuery<T>(queryKey: QueryKey, path: string) {
  return { path, ...queryOptions({ queryKey, queryFn: ({ signal }) => apiFetch<T>(path, { signal }) }) };
}

/** GET /branches: the fleet, filtered and sorted (params as the API's query string). */
export const branchesQuery = (params: Record<string, string> = {}) =>
  apiQuery<BranchListResponse>(["branches", params], withSearch(apiPaths.branches(), params));

/** GET /branches/{code}: a branch with its gateway and hosts. */
export const branchQuery = (code: string) => apiQuery<BranchDetailResponse>(["branch", code], apiPaths.branch(code));

/** GET /hosts/{id}: pages read hosts on the server; mutations invalidate this after a change. */
export const hostQuery = (id: number) => apiQuery<HostDetailResponse>(["host", id], apiPaths.host(id));

/** GET /hosts?q=: the fleet search ({ q, page?, pageSize? }, as the API's query string). */
export const hostSearchQuery = (params: Record<string, string>) =>
  apiQuery<HostSearchResponse>(["hosts", params], withSearch(apiPaths.hosts(), params));

/** GET /users. */
export const usersQuery = () => apiQuery<UserListResponse>(["users"], apiPaths.users());

/** GET /tokens: your API tokens (every token, for admins). */
export const apiTokensQuery = () => apiQuery<ApiTokenListResponse>(["tokens"], apiPaths.apiTokens());

/** GET /rollouts: history, or one branch's recent ones ({ branch?, limit? }). */
export const rolloutsQuery = (params: Record<string, string> = {}) =>
  apiQuery<RolloutListResponse>(["rollouts", params], withSearch(apiPaths.rollouts(), params));

/** GET /rollouts/{id}: one rollout with its targets. */
export const rolloutQuery = (id: number) => apiQuery<RolloutDetailResponse>(["rollout", id], apiPaths.rollout(id));

/**
 * GET /audit, page by page (keyset: each page's nextCursor is the next
 * page's ?cursor=). The key holds the filters, not the page size. Empty
 * filters stay out of the URL.
 */
export function auditQuery(filters: Record<string, string> = {}, limit = 50) {
  const search = () => new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ""));
  const pagePath = (cursor: number | null) => {
    const params = search();
    params.set("limit", String(limit));
    if (cursor != null) params.set("cursor", String(cursor));
    return withSearch(apiPaths.audit(), params);
  };
  return {
    pagePath,
    ...infiniteQueryOptions({
      queryKey: ["audit", filters],
      queryFn: ({ pageParam, signal }) => apiFetch<AuditListResponse>(pagePath(pageParam), { signal }),
      initialPageParam: null as number | null,
      getNextPageParam: (last) => last.nextCursor ?? undefined,
    }),
  };
}

/** GET /hosts/{id}/ssh-access or /branches/{code}/gateway/ssh-access: ssh lines for a techie's own terminal. */
export const sshAccessQuery = (box: { kind: "host"; id: number } | { kind: "gateway"; branchCode: string }) =>
  box.kind === "host"
    ? apiQuery<SshAccessResponse>(["ssh-access", "host", box.id], apiPaths.hostSshAccess(box.id))
    : apiQuery<SshAccessResponse>(["ssh-access", "gateway", box.branchCode], apiPaths.gatewaySshAccess(box.branchCode));

/** GET /branches/{code}/known-hosts. */
export const knownHostsQuery = (code: string) =>
  apiQuery<KnownHostsResponse>(["known-hosts", code], apiPaths.knownHosts(code));

/**
 * GET /terminal-sessions, page by page (keyset: nextCursor is the next page's ?cursor=).
 * Filters: box ("host:12"), user, open ("true" | "false"); empty ones stay out of the URL.
 */
export function terminalSessionsQuery(filters: Record<string, string> = {}, limit = 50) {
  const pagePath = (cursor: string | null) => {
    const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ""));
    params.set("limit", String(limit));
    if (cursor != null) params.set("cursor", cursor);
    return withSearch(apiPaths.terminalSessions(), params);
  };
  return {
    pagePath,
    ...infiniteQueryOptions({
      queryKey: ["terminal-sessions", filters],
      queryFn: ({ pageParam, signal }) => apiFetch<TerminalSessionListResponse>(pagePath(pageParam), { signal }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor ?? undefined,
    }),
  };
}

/** GET /terminal-sessions/{id}. */
export const terminalSessionQuery = (id: string) =>
  apiQuery<TerminalSessionDetailResponse>(["terminal-session", id], apiPaths.terminalSession(id));

/** GET /terminal-sessions/{id}/recording: read once for replay (a live one is read again on demand). */
export const terminalRecordingQuery = (id: string) =>
  apiQuery<TerminalRecordingResponse>(["terminal-recording", id], apiPaths.terminalRecording(id));

/** GET /directory-settings (admins; never the bind password). */
export const directorySettingsQuery = () =>
  apiQuery<DirectorySettingsResponse>(["directory-settings"], apiPaths.directorySettings());

/** GET /terminal-settings (admins). */
export const terminalSettingsQuery = () =>
  apiQuery<TerminalSettingsResponse>(["terminal-settings"], apiPaths.terminalSettings());
