/**
 * The JSON the /api/v1 inventory routes answer with. zod schemas so the
 * OpenAPI document describes responses too, and the UI imports the types.
 * `.meta({ id })` names the shared ones: one component each in the document.
 * Timestamps are ISO 8601 strings.
 */
import { z } from "zod";
import { HOST_STATES } from "./host-input";

const timestamps = { createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() };

export const ZBranchView = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  region: z.string(),
  lanCidr: z.string(),
  linkLocalPool: z.string(),
  gatewayLinkLocalIp: z.string(),
  ...timestamps,
});
export type BranchView = z.infer<typeof ZBranchView>;

export const ZGatewayView = z
  .object({
    id: z.number().int(),
    hostname: z.string(),
    sshAddress: z.string(),
    sshPort: z.number().int(),
    sshUser: z.string(),
    lanIfname: z.string(),
    lanIp: z.string(),
    hostKeyFingerprint: z
      .string()
      .nullable()
      .meta({ description: "pinned SSH host key, SHA256:..., null until enrolment" }),
    ...timestamps,
  })
  .meta({ id: "GatewayView" });
export type GatewayView = z.infer<typeof ZGatewayView>;

export const ZBranchWithGateway = ZBranchView.extend({ gateway: ZGatewayView.nullable() }).meta({
  id: "BranchWithGateway",
});
export type BranchWithGateway = z.infer<typeof ZBranchWithGateway>;

export const ZBranchSummary = ZBranchWithGateway.extend({ hostCount: z.number().int() }).meta({ id: "BranchSummary" });
export type BranchSummary = z.infer<typeof ZBranchSummary>;

export const ZGuestView = z
  .object({
    id: z.number().int(),
    hostId: z.number().int(),
    name: z.string(),
    domain: z.string(),
    mac: z.string(),
    ip: z.string(),
    ...timestamps,
  })
  .meta({ id: "GuestView" });
export type GuestView = z.infer<typeof ZGuestView>;

export const ZHostView = z
  .object({
    id: z.number().int(),
    branchCode: z.string(),
    hostname: z.string(),
    serial: z.string(),
    nicMac: z.string(),
    bridge: z.string(),
    linkLocalIp: z.string(),
    sshUser: z.string(),
    state: z.enum(HOST_STATES),
    hostKeyFingerprint: z.string().nullable(),
    guest: ZGuestView.nullable(),
    ...timestamps,
  })
  .meta({ id: "HostView" });
export type HostView = z.infer<typeof ZHostView>;

/** Never blocks a write: what the saved record's owner should look at twice, keyed like error fields. */
export const ZFieldWarnings = z.record(z.string(), z.array(z.string())).meta({
  id: "FieldWarnings",
  description:
    "warnings about the saved record, keyed by input field name like error fields " +
    "(e.g. gatewayLinkLocalIp); {} when none",
});
export type FieldWarningsView = z.infer<typeof ZFieldWarnings>;

export const ZBranchListResponse = z.object({ branches: z.array(ZBranchSummary) });
export const ZBranchResponse = z.object({ branch: ZBranchWithGateway });
export const ZBranchDetailResponse = z.object({ branch: ZBranchWithGateway, hosts: z.array(ZHostView) });
export const ZGatewayResponse = z.object({ gateway: ZGatewayView });
export const ZHostListResponse = z.object({ hosts: z.array(ZHostView) });
export const ZHostResponse = z.object({ host: ZHostView });
export const ZHostDetailResponse = z.object({ host: ZHostView, branch: ZBranchWithGateway });
export const ZGuestResponse = z.object({ guest: ZGuestView });
/** Answers of the writes that can carry warnings (branch and host create/update). */
export const ZBranchWriteResponse = ZBranchResponse.extend({ warnings: ZFieldWarnings });
export const ZHostWriteResponse = ZHostResponse.extend({ warnings: ZFieldWarnings });

export type BranchListResponse = z.infer<typeof ZBranchListResponse>;
export type BranchResponse = z.infer<typeof ZBranchResponse>;
export type BranchDetailResponse = z.infer<typeof ZBranchDetailResponse>;
export type GatewayResponse = z.infer<typeof ZGatewayResponse>;
export type HostListResponse = z.infer<typeof ZHostListResponse>;
export type HostResponse = z.infer<typeof ZHostResponse>;
export type HostDetailResponse = z.infer<typeof ZHostDetailResponse>;
export type GuestResponse = z.infer<typeof ZGuestResponse>;
export type BranchWriteResponse = z.infer<typeof ZBranchWriteResponse>;
export type HostWriteResponse = z.infer<typeof ZHostWriteResponse>;
