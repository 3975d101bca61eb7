import { apiHandler } from "@/app/_server/api-handler";
import { ZTerminalSettingsInput, ZTerminalSettingsResponse } from "@/lib/domain/terminal/terminal-session-views";
import { getTerminalSettings } from "@/lib/server/terminal/get-terminal-settings";
import { writeTerminalSettings } from "@/lib/server/terminal/write-terminal-settings";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler(
  {
    role: "admin",
    summary: "The web terminal's settings: idle timeout and warning, limits, recording of input, recording caps",
    response: ZTerminalSettingsResponse,
  },
  async () => getTerminalSettings(),
);

/** Every field at once (a PUT); new sessions get the new limits, open ones keep theirs. Audited. */
export const PUT = apiHandler(
  {
    role: "admin",
    summary: "Save the web terminal's settings (idleWarningSeconds must be less than idleTimeoutSeconds)",
    body: ZTerminalSettingsInput,
    response: ZTerminalSettingsResponse,
  },
  async ({ actor, body }) => writeTerminalSettings(actor, body),
);
