import { apiHandler } from "@/app/_server/api-handler";
import { ZReplaceHardwareInput } from "@/lib/domain/hardware/hardware-input";
import { ZHardwareReplacedResponse, ZHostLifecycleResponse } from "@/lib/domain/hardware/hardware-views";
import { zRowIdParams } from "@/lib/server/api/path-params";
import { getHostLifecycle } from "@/lib/server/hardware/get-host-lifecycle";
import { replaceHostHardware } from "@/lib/server/hardware/replace-host-hardware";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler(
  {
    role: "viewer",
    summary: "The host's earlier hardware, key status, retirement and held addresses",
    params: zRowIdParams("host"),
    response: ZHostLifecycleResponse,
  },
  async ({ params }) => getHostLifecycle(params.id),
);

/** Guest IP, guest MAC and link-local stay; the old key is unpinned; trust the new one, then apply. */
export const POST = apiHandler(
  {
    role: "admin",
    summary: "Replace the host's hardware (serial, NIC MAC): the old one goes to history, its key is unpinned",
    params: zRowIdParams("host"),
    body: ZReplaceHardwareInput,
    response: ZHardwareReplacedResponse,
  },
  async ({ actor, params, body }) => replaceHostHardware(actor, params.id, body),
);
