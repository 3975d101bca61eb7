import { apiHandler } from "@/app/_server/api-handler";
import { ZTerminalSessionListResponse, ZTerminalSessionQuery } from "@/lib/domain/terminal/terminal-session-views";
import { listTerminalSessions } from "@/lib/server/terminal/list-terminal-sessions";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler(
  {
    role: "viewer",
    summary: "Terminal sessions, newest first (by box, user, live or ended); page on with ?cursor=nextCursor",
    query: ZTerminalSessionQuery,
    response: ZTerminalSessionListResponse,
  },
  async ({ query }) => listTerminalSessions(query),
);
