import { apiHandler } from "@/app/_server/api-handler";
import { ZHealthSettingsInput, ZHealthSettingsResponse } from "@/lib/domain/health/health-settings";
import { getHealthSettings, writeHealthSettings } from "@/lib/server/health/health-settings-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiHandler(
  {
    role: "admin",
    summary: "Health settings: sweep interval, retention, webhook URL (the secret only as set or not) and its backlog",
    response: ZHealthSettingsResponse,
  },
  async () => getHealthSettings(),
);

export const PUT = apiHandler(
  {
    role: "admin",
    summary: "Save the health settings (the webhook secret is kept when omitted, cleared with null). Audited",
    body: ZHealthSettingsInput,
    response: ZHealthSettingsResponse,
  },
  async ({ actor, body }) => writeHealthSettings(actor, body),
);
