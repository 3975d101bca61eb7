"use client";

import { useState } from "react";

/**
 * Copies `text` to the clipboard and says so (in a live region). Where the
 * clipboard is refused (an insecure origin), the text stays on screen to select.
 */
export function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const [said, setSaid] = useState("");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid("Copied");
    } catch {
      setSaid("The browser refused the clipboard: select the text and copy it");
    }
  };
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" className="btn btn-secondary" onClick={() => void copy()} data-testid={testId}>
        {label}
      </button>
      <span role="status" className="text-xs text-slate-600">
        {said}
      </span>
    </span>
  );
}
