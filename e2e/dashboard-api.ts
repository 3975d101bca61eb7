import type { BranchDetailResponse } from "@/lib/domain/inventory/inventory-views";
import type { RolloutDetailResponse } from "@/lib/domain/rollouts/rollout-views";
import { enrolLab } from "./lab/enrol-lab";
import type { LabInventory } from "./lab/inventory";

/**
 * The dashboard's JSON API as a plain `fetch` client signed in as one user
 * (its session cookie kept here), for specs and benchmarks that prepare a lab
 * through the API: enrol, apply rules with a rollout, change settings. Any
 * status but the expected one throws with the server's answer.
 */
export class DashboardApi {
  private constructor(
    readonly baseUrl: string,
    /** The session cookie's value (branchdesk_session). */
    readonly token: string,
    readonly username: string,
  ) {}

  static async signIn(baseUrl: string, username: string, password: string): Promise<DashboardApi> {
    const res = await fetch(`${baseUrl}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`signing in as ${username} answered ${res.status}: ${await res.text()}`);
    const token = /(?:^|[;,]\s*)branchdesk_session=([^;]+)/.exec(res.headers.getSetCookie().join(", "))?.[1];
    if (!token) throw new Error(`signing in as ${username} set no branchdesk_session cookie`);
    return new DashboardApi(baseUrl, decodeURIComponent(token), username);
  }

  /** The Cookie header a browser would send. */
  get cookie(): string {
    return `branchdesk_session=${encodeURIComponent(this.token)}`;
  }

  async send<T = unknown>(method: string, path: string, body?: unknown, expect = 200): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { cookie: this.cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== expect)
      throw new Error(`${method} ${path} answered ${res.status}, expected ${expect}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  /** Any answer, with its status (for clean-ups that tolerate "already gone"). */
  async call(method: string, path: string): Promise<{ status: number; json: unknown }> {
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers: { cookie: this.cookie } });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
  }

  get<T = unknown>(path: string): Promise<T> {
    return this.send<T>("GET", path);
  }

  /** Enrols every branch, gateway and host of the lab, host keys pinned (e2e/lab/enrol-lab.ts). */
  enrol(inv: LabInventory): Promise<void> {
    return enrolLab(inv, (r) => this.send(r.method, r.path, r.body, r.expect));
  }

  async createUser(username: string, password: string, role: "viewer" | "operator" | "admin"): Promise<void> {
    await this.send("POST", "/api/v1/users", { username, password, role }, 201);
  }

  /** Applies the branches' rules with a rollout and waits for it; throws unless every target succeeded. */
  async applyRules(branchCodes: string[], timeoutMs = 180_000): Promise<void> {
    const started = await this.send<{ rollout: { id: number } }>(
      "POST",
      "/api/v1/rollouts",
      { branchCodes, dryRun: false, failureBudget: 1_000 },
      202,
    );
    const id = started.rollout.id;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await this.get<RolloutDetailResponse>(`/api/v1/rollouts/${id}`);
      if (r.rollout.status !== "running") {
        if (r.rollout.status === "succeeded") return;
        const failed = r.targets.filter((t) => t.status !== "succeeded");
        throw new Error(`rollout ${id} ended ${r.rollout.status}: ` + JSON.stringify(failed).slice(0, 1_000));
      }
      if (Date.now() > deadline) throw new Error(`rollout ${id} still running after ${timeoutMs} ms`);
      await new Promise((res) => setTimeout(res, 500));
    }
  }

  /** Host ids by hostname, and the gateway's id, of one branch. */
  async branchIds(code: string): Promise<{ hosts: Map<string, number>; gatewayId: number | null }> {
    const b = await this.get<BranchDetailResponse>(`/api/v1/branches/${code}`);
    return {
      hosts: new Map(b.hosts.map((h) => [h.hostname, h.id])),
      gatewayId: b.branch.gateway?.id ?? null,
    };
  }
}
