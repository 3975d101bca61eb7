import type { ApiOperation } from "./api-operations";

// Not built with `op` from api-operations.ts: that module imports this one.
const v1 = (o: ApiOperation): ApiOperation => ({ ...o, path: `/api/v1${o.path}` });

/**
 * Routes of the features built on the inventory (rollouts, host-key trust).
 * A new route file under app/api/v1 needs an entry here or in
 * api-operations.ts: the route-enumerating test fails until it has one, and
 * checks the role written here against the handler's guard. Responses without
 * a zod schema yet are documented as plain JSON objects ("JsonObject").
 */
export const FEATURE_OPERATIONS: ApiOperation[] = [
  v1({ method: "get", path: "/rollouts", role: "viewer", summary: "Recent rollouts, newest first", query: "RolloutListQuery", response: "JsonObject" }),
  v1({ method: "post", path: "/rollouts", role: "operator", summary: "Start a rollout (or a dry run); answers at once with its id", body: "StartRolloutInput", response: "RolloutStarted", status: 202 }),
  v1({ method: "get", path: "/rollouts/{id}", role: "viewer", summary: "A rollout with its targets and their progress", response: "JsonObject" }),
  v1({ method: "post", path: "/rollouts/{id}/cancel", role: "operator", summary: "Ask a running rollout to stop after the targets in flight" }),
  v1({ method: "post", path: "/rollouts/{id}/resume", role: "operator", summary: "Resume an interrupted rollout", response: "RolloutStarted", status: 202 }),
  v1({ method: "post", path: "/branches/{code}/gateway/host-key", role: "operator", summary: "Trust the gateway's SSH host key: pin the given fingerprint, or scan it (scanOnly: just show it)", body: "TrustHostKeyInput", response: "HostKeyTrusted" }),
  v1({ method: "post", path: "/hosts/{id}/host-key", role: "operator", summary: "Trust the host's SSH host key: pin the given fingerprint, or scan it through the gateway (scanOnly: just show it)", body: "TrustHostKeyInput", response: "HostKeyTrusted" }),
];
