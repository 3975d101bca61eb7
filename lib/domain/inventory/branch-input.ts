import { z } from "zod";
import type { Cidr } from "../values/cidr";
import type { Ipv4 } from "../values/ipv4";
import { zStrictInput } from "../strict-input";
import { zBranchCode, zCidr, zIpv4, zLabel } from "./zod-values";

/** Every branch reuses the same link-local /16; the defaults match the Branch model's. */
export const DEFAULT_LINK_LOCAL_POOL = "169.254.0.0/16" as Cidr;
export const DEFAULT_GATEWAY_LINK_LOCAL_IP = "169.254.1.1" as Ipv4;

const editable = {
  name: zLabel(100, "human name of the branch, e.g. Lyon Part-Dieu"),
  region: zLabel(64, "region used to group and filter branches"),
  lanCidr: zCidr().meta({ description: "the branch LAN (routable, usually a /24), e.g. 198.51.100.0/24" }),
  linkLocalPool: zCidr().meta({ description: "pool hosts draw link-local addresses from, inside 169.254.0.0/16" }),
  gatewayLinkLocalIp: zIpv4().meta({ description: "the gateway's link-local address, inside the pool" }),
};

export const ZCreateBranchInput = zStrictInput(
  {
    code: zBranchCode(),
    ...editable,
    linkLocalPool: editable.linkLocalPool.default(DEFAULT_LINK_LOCAL_POOL),
    gatewayLinkLocalIp: editable.gatewayLinkLocalIp.default(DEFAULT_GATEWAY_LINK_LOCAL_IP),
  },
  "a branch has",
);
export type CreateBranchInput = z.infer<typeof ZCreateBranchInput>;

/** The code is the branch's identity (URLs, audit entries): it cannot be edited. */
export const ZUpdateBranchInput = zStrictInput(editable, "a branch's editable fields are").partial();
export type UpdateBranchInput = z.infer<typeof ZUpdateBranchInput>;

export const BRANCH_SORT_KEYS = ["code", "name", "region", "hostCount"] as const;

export const ZBranchListQuery = z.object({
  q: z.string().trim().max(100).optional().meta({ description: "substring of code, name or region" }),
  region: z.string().trim().max(64).optional(),
  sort: z.enum(BRANCH_SORT_KEYS).default("code"),
  dir: z.enum(["asc", "desc"]).default("asc"),
});
export type BranchListQuery = z.infer<typeof ZBranchListQuery>;
