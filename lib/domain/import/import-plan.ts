import { z } from "zod";
import type { CreateBranchInput } from "../inventory/branch-input";
import type { GatewayInput } from "../inventory/gateway-input";
import type { GuestInput } from "../inventory/guest-input";
import type { CreateHostInput } from "../inventory/host-input";
import type { Ipv4 } from "../values/ipv4";
import type { Mac } from "../values/mac";
import type { ImportError } from "./import-error";

export const PLAN_ACTIONS = ["create", "update", "unchanged"] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

export type BranchData = Required<CreateBranchInput>;
export type GatewayData = GatewayInput;
export type HostData = Omit<Required<CreateHostInput>, "guest" | "linkLocalIp"> & { linkLocalIp: Ipv4 };
export type GuestData = Omit<GuestInput, "mac"> & { mac: Mac };

/** One record the import touches: what it becomes, what it was (update/unchanged) and which fields change. */
export type Planned<D> = {
  row: number;
  action: PlanAction;
  branchCode: string;
  /** What the record is called in the preview and the audit log: code, gateway or host name. */
  name: string;
  id: number | null;
  data: D;
  before: D | null;
  changed: string[];
};

export type ImportPlan = {
  branches: Planned<BranchData>[];
  gateways: Planned<GatewayData>[];
  hosts: Planned<HostData>[];
  guests: Planned<GuestData>[];
  errors: ImportError[];
};

export const ZPlanCounts = z
  .object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int() })
  .meta({ id: "ImportPlanCounts" });
export type PlanCounts = z.infer<typeof ZPlanCounts>;

export type ImportCounts = Record<"branches" | "gateways" | "hosts" | "guests", PlanCounts>;

export function countPlan(plan: Omit<ImportPlan, "errors">): ImportCounts {
  const count = (items: readonly { action: PlanAction }[]): PlanCounts => ({
    create: items.filter((i) => i.action === "create").length,
    update: items.filter((i) => i.action === "update").length,
    unchanged: items.filter((i) => i.action === "unchanged").length,
  });
  return {
    branches: count(plan.branches),
    gateways: count(plan.gateways),
    hosts: count(plan.hosts),
    guests: count(plan.guests),
  };
}

/** Anything to write? A re-import of an exported file has nothing. */
export function planChanges(plan: Omit<ImportPlan, "errors">): number {
  const all = [...plan.branches, ...plan.gateways, ...plan.hosts, ...plan.guests];
  return all.filter((p) => p.action !== "unchanged").length;
}
