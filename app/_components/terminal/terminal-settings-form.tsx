"use client";

import type { FormEvent } from "react";
import { apiPaths } from "@/app/_client/api-paths";
import { auditQuery, terminalSettingsQuery } from "@/app/_client/api-queries";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import type { TerminalSettings } from "@/lib/domain/terminal/terminal-settings";
import type { TerminalSettingsResponse } from "@/lib/domain/terminal/terminal-session-views";
import { FormAlert } from "../form/form-alert";
import { SubmitButton } from "../form/submit-button";
import { TextField } from "../form/text-field";

type NumberField = Exclude<keyof TerminalSettings, "recordInput">;

const FIELDS: Array<{ name: NumberField; label: string; hint: string }> = [
  { name: "idleTimeoutSeconds", label: "Idle timeout (seconds)", hint: "a session with no input this long ends" },
  { name: "idleWarningSeconds", label: "Idle warning (seconds before)", hint: "less than the idle timeout" },
  { name: "maxSessionSeconds", label: "Maximum session length (seconds)", hint: "28800 = 8 hours" },
  { name: "maxPerUser", label: "Concurrent sessions per user", hint: "open terminals one user may hold" },
  { name: "maxTotal", label: "Concurrent sessions in total", hint: "on this dashboard" },
  { name: "sessionCapKiB", label: "Recording cap per session (KiB)", hint: "recording stops, with a notice" },
  { name: "totalCapKiB", label: "Recording cap in total (KiB)", hint: "all recordings on disk" },
];

/** A number field's text as the API should judge it: a number when it is one, the text otherwise (422 names it). */
function numberOrText(value: FormDataEntryValue | null): number | string {
  const text = typeof value === "string" ? value.trim() : "";
  return text !== "" && Number.isFinite(Number(text)) ? Number(text) : text;
}

/** The web terminal's settings, for admins: every field at once (PUT), errors beside their fields. */
export function TerminalSettingsForm({ initial }: { initial: TerminalSettingsResponse }) {
  const save = useApiMutation<Record<string, unknown>, TerminalSettingsResponse>({
    method: "PUT",
    path: apiPaths.terminalSettings(),
    invalidate: [terminalSettingsQuery().queryKey, auditQuery().queryKey],
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const body: Record<string, unknown> = Object.fromEntries(
      FIELDS.map((f) => [f.name, numberOrText(data.get(f.name))]),
    );
    body.recordInput = data.get("recordInput") === "on";
    save.mutate(body);
  }

  const fields = save.error?.fields ?? {};
  const s = initial.settings;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="card space-y-4" aria-label="Terminal settings">
      <FormAlert error={save.error} />
      <div className="grid gap-3 md:grid-cols-2">
        {FIELDS.map((f) => (
          <TextField
            key={f.name}
            name={f.name}
            label={f.label}
            hint={f.hint}
            type="number"
            inputMode="numeric"
            required
            defaultValue={s[f.name]}
            errors={fields[f.name]}
          />
        ))}
      </div>
      <div>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="recordInput"
            defaultChecked={s.recordInput}
            aria-describedby="record-input-hint"
          />
          Record input too (what users type)
        </label>
        <p id="record-input-hint" className="text-xs text-slate-600">
          Off by default: with it on, a password typed at a prompt that echoes nothing is stored in the recording.
        </p>
        {fields.recordInput && <p className="text-xs text-red-800">{fields.recordInput.join(", ")}</p>}
      </div>
      {save.isSuccess && (
        <p role="status" className="text-sm text-emerald-700" data-testid="settings-saved">
          Settings saved. New sessions get them; open ones keep the limits they opened with.
        </p>
      )}
      <p className="text-xs text-slate-600">
        {initial.updatedAt
          ? `Last saved by ${initial.updatedBy} at ${initial.updatedAt}.`
          : "The defaults: never saved."}
      </p>
      <SubmitButton pending={save.isPending} pendingLabel="Saving…" label="Save settings" />
    </form>
  );
}
