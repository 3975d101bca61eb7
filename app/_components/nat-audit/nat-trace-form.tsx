"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { ApiError } from "@/app/_client/api-error";
import { apiFetch } from "@/app/_client/api-fetch";
import { apiPaths } from "@/app/_client/api-paths";
import type { NatTraceResponse } from "@/lib/domain/nat-audit/nat-trace-views";
import { FormAlert } from "../form/form-alert";

type TraceBody = { host: string; src?: string; port?: number };
const yesNo = (v: boolean | null, yes: string, no: string) => (v === null ? "undecided" : v ? yes : no);

/** The trace form and its answer: every rule evaluated, in order, then the verdict beside the live probe. */
export function NatTraceForm({ initialHost }: { initialHost: string }) {
  const ids = { host: useId(), src: useId(), port: useId() };
  const [host, setHost] = useState(initialHost);
  const [src, setSrc] = useState("");
  const [port, setPort] = useState("");
  const trace = useMutation<NatTraceResponse, ApiError, TraceBody>({
    mutationFn: (body) => apiFetch(apiPaths.natTrace(), { method: "POST", body }),
  });
  const t = trace.data;
  return (
    <div className="space-y-4 text-sm">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          trace.mutate({
            host: host.trim(),
            ...(src.trim() && { src: src.trim() }),
            ...(port && { port: Number(port) }),
          });
        }}
      >
        <label htmlFor={ids.host} className="flex flex-col gap-1">
          Host (host:&lt;id&gt;)
          <input id={ids.host} className="input w-40" value={host} onChange={(e) => setHost(e.target.value)} />
        </label>
        <label htmlFor={ids.src} className="flex flex-col gap-1">
          Head-office source (optional)
          <input id={ids.src} className="input w-40" value={src} onChange={(e) => setSrc(e.target.value)} />
        </label>
        <label htmlFor={ids.port} className="flex flex-col gap-1">
          Port (22)
          <input
            id={ids.port}
            className="input w-24"
            inputMode="numeric"
            value={port}
            onChange={(e) => setPort(e.target.value)}
          />
        </label>
        <button type="submit" className="btn btn-primary" disabled={trace.isPending || !host.trim()}>
          {trace.isPending ? "Tracing…" : "Trace"}
        </button>
      </form>
      {trace.error && <FormAlert error={trace.error} />}
      {t && (
        <section aria-labelledby="trace-verdict" className="space-y-2">
          <h2 id="trace-verdict" className="font-semibold">
            {t.packet.src} → {t.packet.dst}:{t.packet.dport} ({t.host.name})
          </h2>
          <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium">Verdict</dt>
            <dd>
              {t.verdict.summary} ({yesNo(t.verdict.reachable, "reachable", "not reachable")})
            </dd>
            <dt className="font-medium">Live probe</dt>
            <dd>{t.probe ? `${t.probe.ok ? "answers" : "fails"}: ${t.probe.reason} (${t.probe.ms} ms)` : "none"}</dd>
            <dt className="font-medium">Prediction and probe</dt>
            <dd>{yesNo(t.agree, "agree", "disagree")}</dd>
          </dl>
          {t.problems.length > 0 && (
            <ul aria-label="Trace problems" className="list-disc pl-5 text-red-800">
              {t.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          <div className="overflow-x-auto">
            <table className="data-table" aria-label="Rules evaluated">
              <thead>
                <tr>
                  <th scope="col">Stage</th>
                  <th scope="col">Chain</th>
                  <th scope="col">Rule</th>
                  <th scope="col">Result</th>
                  <th scope="col">What happened</th>
                </tr>
              </thead>
              <tbody>
                {t.steps.map((s, i) => (
                  <tr key={i}>
                    <td>{s.stage}</td>
                    <td className="font-mono text-xs">{s.chain}</td>
                    <td className="font-mono text-xs">{s.rule?.text ?? "—"}</td>
                    <td>{s.result}</td>
                    <td>{s.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
