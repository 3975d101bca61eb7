/**
 * Query keys in one place so a mutation invalidates exactly what it changed:
 * every key starts with the entity, so invalidating ["branches"] also drops
 * every filtered/sorted variant of the fleet list.
 */
export const queryKeys = {
  branches: (params: Record<string, string> = {}) => ["branches", params] as const,
  branch: (code: string) => ["branch", code] as const,
  host: (id: number) => ["host", id] as const,
  audit: (filters: Record<string, string> = {}) => ["audit", filters] as const,
  users: () => ["users"] as const,
  /** Rollout lists (history, one branch's recent ones); params as the API's query string. */
  rollouts: (params: Record<string, string> = {}) => ["rollouts", params] as const,
  rollout: (id: number) => ["rollout", id] as const,
  session: () => ["session"] as const,
};
