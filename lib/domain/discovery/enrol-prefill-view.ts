/** What "Enrol this" carries to the new-host form (parsed on the server: lib/server/discovery/enrol-prefill.ts). */
export type EnrolPrefill = { linkLocalIp?: string; nicMac?: string; hostKey?: string };
