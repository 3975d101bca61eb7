const V1 = "/api/v1";
const segment = encodeURIComponent;

/**
 * The /api/v1 URLs the UI calls, built in one place (the query objects in
 * api-queries.ts use them, and so do mutations). Each is the path of a route
 * file under app/api/v1: api-paths.test.ts holds them to the disk.
 */
export const apiPaths = {
  session: () => `${V1}/session`,
  branches: () => `${V1}/branches`,
  branch: (code: string) => `${V1}/branches/${segment(code)}`,
  branchHosts: (code: string) => `${apiPaths.branch(code)}/hosts`,
  gateway: (code: string) => `${apiPaths.branch(code)}/gateway`,
  gatewayHostKey: (code: string) => `${apiPaths.gateway(code)}/host-key`,
  branchDiscover: (code: string) => `${apiPaths.branch(code)}/discover`,
  hosts: () => `${V1}/hosts`,
  host: (id: number) => `${V1}/hosts/${id}`,
  guest: (hostId: number) => `${apiPaths.host(hostId)}/guest`,
  hostHostKey: (hostId: number) => `${apiPaths.host(hostId)}/host-key`,
  enrolmentTokens: (code: string) => `${apiPaths.branch(code)}/enrolment-tokens`,
  enrolmentToken: (id: number) => `${V1}/enrolment-tokens/${id}`,
  hostHardware: (hostId: number) => `${apiPaths.host(hostId)}/hardware`,
  retireHost: (hostId: number) => `${apiPaths.host(hostId)}/retire`,
  audit: () => `${V1}/audit`,
  users: () => `${V1}/users`,
  user: (id: number) => `${V1}/users/${id}`,
  apiTokens: () => `${V1}/tokens`,
  apiToken: (id: number) => `${V1}/tokens/${id}`,
  rollouts: () => `${V1}/rollouts`,
  rollout: (id: number) => `${V1}/rollouts/${id}`,
  cancelRollout: (id: number) => `${apiPaths.rollout(id)}/cancel`,
  resumeRollout: (id: number) => `${apiPaths.rollout(id)}/resume`,
  hostSshAccess: (hostId: number) => `${apiPaths.host(hostId)}/ssh-access`,
  gatewaySshAccess: (code: string) => `${apiPaths.gateway(code)}/ssh-access`,
  knownHosts: (code: string) => `${apiPaths.branch(code)}/known-hosts`,
  terminalSessions: () => `${V1}/terminal-sessions`,
  terminalSession: (id: string | number) => `${V1}/terminal-sessions/${segment(String(id))}`,
  terminalRecording: (id: string | number) => `${apiPaths.terminalSession(id)}/recording`,
  terminalCast: (id: string | number) => `${apiPaths.terminalSession(id)}/cast`,
  terminalSettings: () => `${V1}/terminal-settings`,
  directorySettings: () => `${V1}/directory-settings`,
  import: () => `${V1}/import`,
  exportCsv: () => `${V1}/export`,
  exportJson: () => `${V1}/export.json`,
  natAudits: () => `${V1}/nat-audits`,
  natAudit: (id: number) => `${V1}/nat-audits/${id}`,
  natAuditDiff: (id: number) => `${apiPaths.natAudit(id)}/diff`,
  natAuditExportCsv: () => `${V1}/nat-audits/export.csv`,
  natAuditExportJson: () => `${V1}/nat-audits/export.json`,
  natAdoptionPlan: () => `${V1}/nat-audits/adoptions/plan`,
  natAdoptions: () => `${V1}/nat-audits/adoptions`,
  natTrace: () => `${V1}/nat-audits/trace`,
};

/** `path?k=v&...`; `path` alone when there are no parameters. */
export function withSearch(path: string, params: URLSearchParams | Record<string, string>): string {
  const search = new URLSearchParams(params).toString();
  return search ? `${path}?${search}` : path;
}
