"use client";

import type { FormEvent } from "react";
import { apiPaths } from "@/app/_client/api-paths";
import { auditQuery, directorySettingsQuery } from "@/app/_client/api-queries";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { GROUP_MODES, TLS_MODES, type DirectorySettingsResponse } from "@/lib/domain/directory/directory-settings";
import { FieldErrors } from "../form/field-errors";
import { FormAlert } from "../form/form-alert";
import { SelectField } from "../form/select-field";
import { SubmitButton } from "../form/submit-button";
import { TextField } from "../form/text-field";

const lines = (v: FormDataEntryValue | null) =>
  String(v ?? "")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** "operator cn=noc,ou=groups,dc=bank,dc=example", one a line: the role, a space, the group's DN. */
function roleMapOf(text: FormDataEntryValue | null) {
  return lines(text).map((line) => {
    const [role = "", ...dn] = line.split(/\s+/);
    return { role, groupDn: dn.join(" ") };
  });
}

const numberOrText = (v: FormDataEntryValue | null) => {
  const t = String(v ?? "").trim();
  return t !== "" && Number.isFinite(Number(t)) ? Number(t) : t;
};

/** Errors of "urls.1" or "roleMap.0.groupDn" shown under their field, named by line. */
function errorsUnder(fields: Record<string, string[]>, name: string): string[] {
  return Object.entries(fields).flatMap(([key, messages]) => {
    if (key === name) return messages;
    const m = new RegExp(`^${name}\\.(\\d+)`).exec(key);
    return m ? messages.map((msg) => `line ${Number(m[1]) + 1}: ${msg}`) : [];
  });
}

function TextArea(props: { name: string; label: string; hint: string; value: string; errors: string[] }) {
  const id = `field-${props.name}`;
  return (
    <div>
      <label htmlFor={id} className="mb-0.5 block text-xs font-medium text-slate-700">
        {props.label}
      </label>
      <textarea
        id={id}
        name={props.name}
        rows={3}
        className="input font-mono"
        defaultValue={props.value}
        aria-invalid={props.errors.length > 0 || undefined}
        aria-describedby={`${id}-hint${props.errors.length ? ` ${id}-error` : ""}`}
      />
      <p id={`${id}-hint`} className="mt-0.5 text-xs text-slate-500">
        {props.hint}
      </p>
      <FieldErrors id={`${id}-error`} errors={props.errors} />
    </div>
  );
}

/** The directory sign-in settings, for admins: every field at once (PUT); the bind password is write-only. */
export function DirectorySettingsForm({ initial }: { initial: DirectorySettingsResponse }) {
  const save = useApiMutation<Record<string, unknown>, DirectorySettingsResponse>({
    method: "PUT",
    path: apiPaths.directorySettings(),
    invalidate: [directorySettingsQuery().queryKey, auditQuery().queryKey],
  });
  const fromEnv = initial.managedBy === "environment";
  const s = save.data?.settings ?? initial.settings;
  const passwordSet = save.data?.bindPasswordSet ?? initial.bindPasswordSet;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const d = new FormData(event.currentTarget);
    const text = (k: string) => String(d.get(k) ?? "");
    save.mutate({
      enabled: d.get("enabled") === "on",
      urls: lines(d.get("urls")),
      tls: text("tls"),
      caPem: text("caPem").trim(),
      bindDn: text("bindDn"),
      bindPassword: text("bindPassword"),
      userBase: text("userBase"),
      userFilter: text("userFilter"),
      usernameAttribute: text("usernameAttribute"),
      groupMode: text("groupMode"),
      groupBase: text("groupBase"),
      roleMap: roleMapOf(d.get("roleMap")),
      timeoutMs: numberOrText(d.get("timeoutMs")),
      recheckSeconds: numberOrText(d.get("recheckSeconds")),
    });
  }

  const f = save.error?.fields ?? {};
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="card space-y-4" aria-label="Directory settings">
      {fromEnv && (
        <p role="status" className="text-sm text-slate-700">
          Set by BRANCHDESK_LDAP_* environment variables: read-only here (docs/directory.md).
        </p>
      )}
      <FormAlert error={save.error} />
      <fieldset disabled={fromEnv} className="space-y-4">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="enabled" defaultChecked={s.enabled} />
          Directory sign-in on (local accounts keep working; a local username signs in locally)
        </label>
        <div className="grid gap-3 md:grid-cols-2">
          <TextArea
            name="urls"
            label="Directory URLs, one a line (replicas, tried in order)"
            hint="ldap://host:389 (StartTLS or none) or ldaps://host:636"
            value={s.urls.join("\n")}
            errors={errorsUnder(f, "urls")}
          />
          <TextArea
            name="caPem"
            label="CA certificate (PEM), pinned"
            hint="the CA that signed the directory's certificate; system CAs are not trusted"
            value={s.caPem}
            errors={errorsUnder(f, "caPem")}
          />
          <SelectField name="tls" label="Transport security" options={TLS_MODES} defaultValue={s.tls} errors={f.tls} />
          <TextField name="bindDn" label="Search account DN" mono defaultValue={s.bindDn} errors={f.bindDn} />
          <TextField
            name="bindPassword"
            label="Search account password"
            type="password"
            autoComplete="new-password"
            hint={passwordSet ? "saved; leave empty to keep it" : "not set"}
            errors={f.bindPassword}
          />
          <TextField name="userBase" label="User search base" mono defaultValue={s.userBase} errors={f.userBase} />
          <TextField name="userFilter" label="User filter" mono defaultValue={s.userFilter} errors={f.userFilter} />
          <TextField
            name="usernameAttribute"
            label="Username attribute"
            mono
            defaultValue={s.usernameAttribute}
            errors={f.usernameAttribute}
          />
          <SelectField
            name="groupMode"
            label="Groups from"
            options={GROUP_MODES}
            defaultValue={s.groupMode}
            errors={f.groupMode}
          />
          <TextField
            name="groupBase"
            label="Group search base"
            hint="for member / uniqueMember"
            mono
            defaultValue={s.groupBase}
            errors={f.groupBase}
          />
          <TextArea
            name="roleMap"
            label="Groups to roles, one a line: role, space, group DN"
            hint="e.g. operator cn=noc,ou=groups,dc=bank,dc=example; the highest role wins; no mapped group: refused"
            value={s.roleMap.map((m) => `${m.role} ${m.groupDn}`).join("\n")}
            errors={errorsUnder(f, "roleMap")}
          />
          <TextField
            name="timeoutMs"
            label="Timeout per replica (ms)"
            type="number"
            defaultValue={s.timeoutMs}
            errors={f.timeoutMs}
          />
          <TextField
            name="recheckSeconds"
            label="Session re-check interval (seconds)"
            type="number"
            defaultValue={s.recheckSeconds}
            errors={f.recheckSeconds}
          />
        </div>
      </fieldset>
      {save.isSuccess && (
        <p role="status" className="text-sm text-emerald-700" data-testid="settings-saved">
          Settings saved. The next sign-in uses them.
        </p>
      )}
      <p className="text-xs text-slate-600">
        {initial.updatedAt ? `Last saved by ${initial.updatedBy} at ${initial.updatedAt}.` : "Never saved."}
      </p>
      {!fromEnv && <SubmitButton pending={save.isPending} pendingLabel="Saving…" label="Save settings" />}
    </form>
  );
}
