import type { LabInventory } from "./inventory";

/**
 * The inventory calls that enrol a lab into Branchdesk, in order, as plain
 * requests: the demo sends them over HTTP to /api/v1 (as a user would), tests
 * may send them through the route handlers. Host keys are pinned with the
 * fingerprints the lab recorded when it generated them (what an enrolment
 * bootstrap would report), through the operator's "trust this key" action.
 */
export type EnrolRequest = { method: "POST" | "PUT"; path: string; body: unknown; expect: number };

export function enrolLabRequests(
  inv: LabInventory,
  region = "Lab",
): { branches: EnrolRequest[]; hosts: Array<(hostId: number) => EnrolRequest[]>; hostCreates: EnrolRequest[] } {
  const branches: EnrolRequest[] = [];
  const hostCreates: EnrolRequest[] = [];
  const hosts: Array<(hostId: number) => EnrolRequest[]> = [];
  for (const b of inv.branches) {
    branches.push({
      method: "POST",
      path: "/api/v1/branches",
      expect: 201,
      body: { code: b.code, name: b.name, region, lanCidr: b.lanCidr, gatewayLinkLocalIp: b.gateway.linkLocalIp },
    });
    branches.push({
      method: "PUT",
      path: `/api/v1/branches/${b.code}/gateway`,
      expect: 200,
      body: {
        hostname: b.gateway.hostname,
        sshAddress: b.gateway.hqAddress,
        sshPort: b.gateway.sshPort,
        sshUser: b.gateway.sshUser,
        lanIfname: b.gateway.lanIfname,
        lanIp: b.gateway.lanIp,
      },
    });
    branches.push({
      method: "POST",
      path: `/api/v1/branches/${b.code}/gateway/host-key`,
      expect: 200,
      body: { fingerprint: b.gateway.hostKeyFingerprint },
    });
    for (const h of b.hosts) {
      hostCreates.push({
        method: "POST",
        path: `/api/v1/branches/${b.code}/hosts`,
        expect: 201,
        body: {
          hostname: h.hostname,
          serial: `LAB-${h.hostname}`,
          nicMac: h.nicMac,
          bridge: h.bridge,
          linkLocalIp: h.linkLocalIp,
          sshUser: h.sshUser,
          state: "active",
          guest: { name: h.guest.name, domain: h.guest.domain, mac: h.guest.mac, ip: h.guest.ip },
        },
      });
      hosts.push((hostId) => [
        {
          method: "POST",
          path: `/api/v1/hosts/${hostId}/host-key`,
          expect: 200,
          body: { fingerprint: h.hostKeyFingerprint },
        },
      ]);
    }
  }
  return { branches, hosts, hostCreates };
}

type Send = (req: EnrolRequest) => Promise<unknown>;

/** Sends the enrolment through `send`, which must throw on a status other than `expect`. */
export async function enrolLab(inv: LabInventory, send: Send, region?: string): Promise<void> {
  const plan = enrolLabRequests(inv, region);
  for (const r of plan.branches) await send(r);
  for (const [i, create] of plan.hostCreates.entries()) {
    const created = (await send(create)) as { host?: { id?: number } };
    const id = created.host?.id;
    if (typeof id !== "number") throw new Error(`enrolling ${create.path} returned no host id`);
    for (const r of plan.hosts[i]!(id)) await send(r);
  }
}

/** The HTTP calls unenrolLab needs, whatever client a spec holds (signed in as an admin). */
export type AdminCall = (method: "GET" | "DELETE", path: string) => Promise<{ status: number; json: unknown }>;

/**
 * Takes a lab's branches back out of the dashboard (hosts, gateway, branch). The e2e specs share
 * one database and every lab run reuses slot 0's LANs: a lab branch left behind makes the next
 * lab spec's enrolment fail with "lanCidr overlaps".
 */
export async function unenrolLab(inv: LabInventory, call: AdminCall): Promise<void> {
  for (const b of inv.branches) {
    const detail = await call("GET", `/api/v1/branches/${b.code}`);
    if (detail.status !== 200) continue;
    const hosts = (detail.json as { hosts?: { id: number }[] }).hosts ?? [];
    for (const h of hosts) await call("DELETE", `/api/v1/hosts/${h.id}`);
    await call("DELETE", `/api/v1/branches/${b.code}/gateway`);
    const gone = await call("DELETE", `/api/v1/branches/${b.code}`);
    if (gone.status >= 300) throw new Error(`could not remove lab branch ${b.code}: ${JSON.stringify(gone.json)}`);
  }
}

/** An AdminCall over a Playwright APIRequestContext. */
export function requestCall(api: {
  get(url: string): Promise<{ status(): number; json(): Promise<unknown> }>;
  delete(url: string): Promise<{ status(): number; json(): Promise<unknown> }>;
}): AdminCall {
  return async (method, path) => {
    const res = method === "GET" ? await api.get(path) : await api.delete(path);
    return { status: res.status(), json: await res.json().catch(() => null) };
  };
}

/** One request through a Playwright API context; anything but the expected status throws with the server's answer. */
export async function sendExpecting(
  api: {
    fetch(path: string, o: { method: string; data: unknown }): Promise<{ status(): number; text(): Promise<string> }>;
  },
  r: EnrolRequest,
): Promise<unknown> {
  const res = await api.fetch(r.path, { method: r.method, data: r.body });
  const text = await res.text();
  if (res.status() !== r.expect)
    throw new Error(`${r.method} ${r.path} answered ${res.status()}, expected ${r.expect}: ${text}`);
  return text ? JSON.parse(text) : null;
}
