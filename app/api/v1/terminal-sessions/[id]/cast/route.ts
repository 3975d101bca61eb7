import { z } from "zod";
import { apiFileHandler } from "@/app/_server/api-handler";
import { ZTerminalSessionIdParams } from "@/lib/domain/terminal/terminal-session-views";
import { openTerminalCast } from "@/lib/server/terminal/open-terminal-cast";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The raw recording, for asciinema play or an investigation: admins only (it may hold typed input). */
export const GET = apiFileHandler(
  {
    role: "admin",
    summary: "Download a terminal session's recording as an asciicast v2 file (.cast)",
    params: ZTerminalSessionIdParams,
    produces: "application/x-asciicast",
    response: z.string().meta({ description: "asciicast v2: a JSON header line, then [seconds, code, text] lines" }),
  },
  async ({ params }) => {
    const cast = await openTerminalCast(params.id);
    return { body: cast.stream, size: cast.size, filename: cast.filename };
  },
);
