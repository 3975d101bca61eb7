import { apiHandler } from "@/app/_server/api-handler";
import { ZTerminalRecordingResponse, ZTerminalSessionIdParams } from "@/lib/domain/terminal/terminal-session-views";
import { readTerminalRecording } from "@/lib/server/terminal/read-terminal-recording";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** For replay in the browser. Typed input (when recorded) is in it for admins only. */
export const GET = apiHandler(
  {
    role: "viewer",
    summary: "A terminal session's recording, parsed for replay ({ header, events }; the first 8 MiB)",
    params: ZTerminalSessionIdParams,
    response: ZTerminalRecordingResponse,
  },
  async ({ actor, params }) => readTerminalRecording(actor, params.id),
);
