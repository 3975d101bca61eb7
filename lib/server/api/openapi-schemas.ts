import { z } from "zod";
import { ZAuditListResponse, ZErrorResponse, ZSessionResponse, ZUserListResponse, ZUserResponse } from "@/lib/domain/inventory/account-views";
import { ZAuditQuery } from "@/lib/domain/inventory/audit-query";
import { ZBranchListQuery, ZCreateBranchInput, ZUpdateBranchInput } from "@/lib/domain/inventory/branch-input";
import { ZGatewayInput } from "@/lib/domain/inventory/gateway-input";
import { ZGuestInput } from "@/lib/domain/inventory/guest-input";
import { ZCreateHostInput, ZHostListQuery, ZUpdateHostInput } from "@/lib/domain/inventory/host-input";
import {
  ZBranchDetailResponse, ZBranchListResponse, ZBranchResponse, ZBranchWriteResponse, ZGatewayResponse, ZGuestResponse,
  ZHostDetailResponse, ZHostListResponse, ZHostResponse, ZHostWriteResponse,
} from "@/lib/domain/inventory/inventory-views";
import { ZCreateUserInput, ZUpdateUserInput } from "@/lib/domain/inventory/user-input";
import { ZStartRolloutInput } from "@/lib/domain/rollouts/rollout-input";
import { ZSignInInput } from "@/lib/server/auth/sign-in";
import { ZTrustHostKeyInput } from "@/lib/domain/host-keys/trust-host-key-input";

/** Mirrors the query the GET /rollouts route parses (it keeps its schema local). */
const ZRolloutListQuery = z.object({
  branch: z.string().optional().meta({ description: "only rollouts that touch this branch code" }),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** Request schemas: documented as the client sends them (zod's input side, before transforms). */
export const INPUT_SCHEMAS: Record<string, z.ZodType> = {
  SignInInput: ZSignInInput,
  CreateBranchInput: ZCreateBranchInput,
  UpdateBranchInput: ZUpdateBranchInput,
  BranchListQuery: ZBranchListQuery,
  GatewayInput: ZGatewayInput,
  CreateHostInput: ZCreateHostInput,
  UpdateHostInput: ZUpdateHostInput,
  HostListQuery: ZHostListQuery,
  GuestInput: ZGuestInput,
  AuditQuery: ZAuditQuery,
  CreateUserInput: ZCreateUserInput,
  UpdateUserInput: ZUpdateUserInput,
  StartRolloutInput: ZStartRolloutInput,
  RolloutListQuery: ZRolloutListQuery,
  TrustHostKeyInput: ZTrustHostKeyInput,
};

/** Response schemas: documented as the server answers. */
export const OUTPUT_SCHEMAS: Record<string, z.ZodType> = {
  SessionResponse: ZSessionResponse,
  BranchListResponse: ZBranchListResponse,
  BranchResponse: ZBranchResponse,
  BranchWriteResponse: ZBranchWriteResponse,
  BranchDetailResponse: ZBranchDetailResponse,
  GatewayResponse: ZGatewayResponse,
  HostListResponse: ZHostListResponse,
  HostResponse: ZHostResponse,
  HostWriteResponse: ZHostWriteResponse,
  HostDetailResponse: ZHostDetailResponse,
  GuestResponse: ZGuestResponse,
  AuditListResponse: ZAuditListResponse,
  UserListResponse: ZUserListResponse,
  UserResponse: ZUserResponse,
  ErrorResponse: ZErrorResponse,
  OpenApiDocument: z.object({ openapi: z.string() }).loose(),
  RolloutStarted: z.object({ rollout: z.object({ id: z.number().int() }) }),
  HostKeyTrusted: z.object({
    fingerprint: z.string().meta({ description: "the pinned SHA256:... fingerprint" }),
    previous: z.string().nullable().meta({ description: "the fingerprint pinned before, if any" }),
    pinned: z.boolean().meta({ description: "false for a scanOnly request: the fingerprint is what the box presents, nothing was pinned" }),
  }),
  JsonObject: z.object({}).loose().meta({ description: "a JSON object (no schema published yet)" }),
};
