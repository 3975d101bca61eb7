import { apiHandler } from "@/app/_server/api-handler";
import { ZTerminalSessionDetailResponse, ZTerminalSessionIdParams } from "@/lib/domain/terminal/terminal-session-views";
import { getTerminalSession } from "@/lib/server/terminal/get-terminal-session";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler(
  {
    role: "viewer",
    summary: "One terminal session: who, which box and path, when, bytes each way, why it ended, its recording",
    params: ZTerminalSessionIdParams,
    response: ZTerminalSessionDetailResponse,
  },
  async ({ params }) => getTerminalSession(params.id),
);
