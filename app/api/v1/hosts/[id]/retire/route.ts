import { apiHandler } from "@/app/_server/api-handler";
import { ZRetireHostInput } from "@/lib/domain/hardware/hardware-input";
import { ZHostRetiredResponse } from "@/lib/domain/hardware/hardware-views";
import { zRowIdParams } from "@/lib/server/api/path-params";
import { retireHost } from "@/lib/server/hardware/retire-host";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = apiHandler(
  {
    role: "admin",
    summary:
      "Retire the host: mark it retired, hold its link-local address and guest MAC (cooling-off) " +
      "and start the branch rollout that removes its rules",
    params: zRowIdParams("host"),
    body: ZRetireHostInput,
    response: ZHostRetiredResponse,
  },
  async ({ actor, params, body }) => retireHost(actor, params.id, body),
);
