"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ChangeEvent } from "react";
import { apiFetch } from "@/app/_client/api-fetch";
import { ApiError } from "@/app/_client/api-error";
import { apiPaths } from "@/app/_client/api-paths";
import type { ImportResult } from "@/lib/domain/import/import-views";
import { FormAlert } from "../form/form-alert";
import { ImportPreview } from "./import-preview";

type Format = "csv" | "json";
type Request = { format: Format; content: string; dryRun: boolean; filename?: string };

/**
 * Upload (or paste) a file, preview what it would do with every error listed,
 * fix the file, preview again, then commit. Commit is offered only for the
 * content that was last previewed clean, so what is committed is what was seen.
 */
export function ImportView() {
  const router = useRouter();
  const [content, setContent] = useState("");
  const [format, setFormat] = useState<Format>("csv");
  const [filename, setFilename] = useState<string | undefined>();
  const [previewed, setPreviewed] = useState<string | null>(null);
  const send = useMutation<ImportResult, ApiError, Request>({
    mutationFn: (body) => apiFetch<ImportResult>(apiPaths.import(), { method: "POST", body }),
    onSuccess: (result, body) => {
      setPreviewed(body.dryRun ? body.content : null);
      if (result.committed) router.refresh();
    },
  });
  const result = send.data;

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    setFilename(file.name);
    setFormat(file.name.toLowerCase().endsWith(".json") ? "json" : "csv");
    setContent(await file.text());
    setPreviewed(null);
    send.reset();
  }

  const canCommit = result?.dryRun && previewed === content && result.errors.length === 0 && result.changes > 0;
  const firstBranch = result?.records.find((r) => r.entity === "host")?.branchCode;
  return (
    <div className="space-y-4">
      <form className="card space-y-3" aria-label="Import file" onSubmit={(e) => e.preventDefault()}>
        <div className="grid gap-3 md:grid-cols-[2fr_1fr]">
          <div>
            <label htmlFor="import-file" className="block text-sm font-medium">
              CSV or JSON file
            </label>
            <input
              id="import-file"
              className="input"
              type="file"
              accept=".csv,.json,text/csv,application/json"
              onChange={onFile}
            />
          </div>
          <div>
            <label htmlFor="import-format" className="block text-sm font-medium">
              Format
            </label>
            <select
              id="import-format"
              className="input"
              value={format}
              onChange={(e) => setFormat(e.currentTarget.value as Format)}
            >
              <option value="csv">CSV (, or ; separated)</option>
              <option value="json">JSON (array of records)</option>
            </select>
          </div>
        </div>
        <div>
          <label htmlFor="import-content" className="block text-sm font-medium">
            Or paste its content
          </label>
          <textarea
            id="import-content"
            rows={8}
            className="input w-full font-mono text-xs"
            value={content}
            spellCheck={false}
            onChange={(e) => {
              setContent(e.currentTarget.value);
              setPreviewed(null);
            }}
          />
        </div>
        <FormAlert error={send.error} />
        <div className="flex gap-2">
          <button
            type="button"
            className="btn btn-secondary"
            disabled={send.isPending || content.trim() === ""}
            onClick={() => send.mutate({ format, content, dryRun: true, filename })}
          >
            {send.isPending && send.variables?.dryRun ? "Previewing…" : "Preview"}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={send.isPending || !canCommit}
            onClick={() => send.mutate({ format, content, dryRun: false, filename })}
          >
            {send.isPending && send.variables?.dryRun === false ? "Committing…" : "Commit"}
          </button>
        </div>
      </form>
      {result && (
        <p role="status" className="text-sm">
          {result.committed ? "Imported. " : ""}
          {result.message}
          {result.committed && (
            <>
              {" "}
              <Link href={firstBranch ? `/branches/${encodeURIComponent(firstBranch)}` : "/"}>
                {firstBranch ? `See the hosts of ${firstBranch}` : "See the fleet"}
              </Link>
            </>
          )}
        </p>
      )}
      {result && <ImportPreview result={result} />}
    </div>
  );
}
