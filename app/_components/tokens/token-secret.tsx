"use client";

import { useState } from "react";
import type { ApiTokenCreatedResponse } from "@/lib/domain/tokens/token-views";

type Props = { created: ApiTokenCreatedResponse; onDone: () => void };

/** The new token, shown this once (only its hash is kept): copy it, then it is gone. */
export function TokenSecret({ created, onDone }: Props) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <div role="region" aria-label="New token" className="space-y-2 rounded border border-emerald-300 bg-emerald-50 p-3">
      <p className="text-sm">
        Token <strong>{created.token.name}</strong> ({created.token.role}). Copy it now: it is shown only this once.
        Send it as <code>Authorization: Bearer …</code>.
      </p>
      <pre data-testid="token-secret" className="overflow-x-auto rounded bg-white p-2 font-mono text-xs">
        {created.secret}
      </pre>
      <div className="flex items-center gap-2">
        <button type="button" className="btn btn-primary" onClick={() => void copy()}>
          Copy token
        </button>
        <button type="button" className="btn btn-secondary" onClick={onDone}>
          Done
        </button>
        <span role="status" className="text-sm">
          {copied === "yes" ? "Copied." : copied === "failed" ? "Could not copy: select the text above." : ""}
        </span>
      </div>
    </div>
  );
}
