"use client";

import type { EnrolmentTokenCreatedResponse } from "@/lib/domain/enrolment/enrolment-views";

type Props = { created: EnrolmentTokenCreatedResponse; onDone: () => void };

/** The token, shown this once: the one-liner, and the script for a box without curl. */
export function OneLiner({ created, onDone }: Props) {
  return (
    <div
      role="region"
      aria-label="Enrolment one-liner"
      className="space-y-2 rounded border border-emerald-300 bg-emerald-50 p-3"
    >
      <p className="text-sm">
        Run this as root on the new box (valid until {created.token.expiresAt.replace("T", " ").slice(0, 16)} UTC,
        once). It is shown only now: copy it before you leave this page.
      </p>
      <pre data-testid="enrol-one-liner" className="overflow-x-auto rounded bg-white p-2 font-mono text-xs">
        {created.oneLiner}
      </pre>
      <details>
        <summary className="cursor-pointer text-sm">The same as a script, for a box without curl</summary>
        <pre className="mt-1 max-h-64 overflow-auto rounded bg-white p-2 font-mono text-xs">{created.script}</pre>
      </details>
      <button type="button" className="btn btn-secondary" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
