"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { ApiError } from "@/app/_client/api-error";
import { apiFetch } from "@/app/_client/api-fetch";
import { apiPaths } from "@/app/_client/api-paths";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import type { NatAdoptionPlan } from "@/lib/domain/nat-audit/nat-adoption-views";
import { FormAlert } from "../form/form-alert";

type Started = { rollout: { id: number }; removeCount: number };

/**
 * "Adopt hand-made rules" (operators, issue 13): shows the plan from the box's latest audit (the
 * exact lines removed and added), asks for the number of lines removed, then starts one rollout
 * and goes to it. The box applies it atomically and rolls back if a support path breaks.
 */
export function AdoptHandMadeRules({ box, boxName }: { box: string; boxName: string }) {
  const inputId = useId();
  const [typed, setTyped] = useState("");
  const plan = useMutation<NatAdoptionPlan, ApiError, void>({
    mutationFn: () => apiFetch(apiPaths.natAdoptionPlan(), { method: "POST", body: { boxes: [box] } }),
  });
  const start = useApiMutation<{ boxes: string[]; auditIds: number[]; confirm: number }, Started>({
    method: "POST",
    path: apiPaths.natAdoptions(),
    navigateTo: (out) => `/rollouts/${out.rollout.id}`,
  });
  const p = plan.data;
  return (
    <div className="space-y-3 text-sm">
      <p>
        Branchdesk&apos;s chains take over; the hand-made equivalents of its rules and their duplicates are removed in
        the same atomic apply; every other rule stays byte for byte.
      </p>
      <p>The support path must work before and after, or {boxName} rolls back by itself.</p>
      <button type="button" className="btn" disabled={plan.isPending} onClick={() => plan.mutate()}>
        {plan.isPending ? "Planning…" : p ? "Plan again" : "Show the adoption plan"}
      </button>
      {plan.error && <FormAlert error={plan.error} />}
      {p &&
        p.boxes.map((b) => (
          <div key={b.box} className="space-y-1">
            <p>
              From the audit of {new Date(b.auditAt).toISOString().replace("T", " ").slice(0, 19)} UTC:{" "}
              {b.remove.length} line(s) removed, {b.add.length} added, {b.keep} left as they are.
            </p>
            <ul aria-label={`Lines the adoption changes on ${b.boxName}`} className="font-mono text-xs">
              {b.remove.map((r, i) => (
                <li key={`r${i}`} className="text-red-800">
                  - {r.line} <span className="font-sans text-slate-600">({r.class})</span>
                </li>
              ))}
              {b.add.map((a, i) => (
                <li key={`a${i}`} className="text-green-800">
                  + {a.line}
                </li>
              ))}
            </ul>
            {b.problems.map((m) => (
              <p key={m} role="alert" className="text-red-800">
                {m}
              </p>
            ))}
          </div>
        ))}
      {p && p.removeCount > 0 && (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            start.mutate({ boxes: [box], auditIds: p.boxes.map((b) => b.auditId), confirm: Number(typed) });
          }}
        >
          <label htmlFor={inputId} className="flex flex-col gap-1">
            Type {p.removeCount}, the number of lines removed, to confirm
            <input
              id={inputId}
              className="input w-32"
              inputMode="numeric"
              autoComplete="off"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
            />
          </label>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={start.isPending || typed.trim() !== String(p.removeCount)}
          >
            {start.isPending ? "Starting…" : `Adopt on ${boxName}`}
          </button>
        </form>
      )}
      {p && p.removeCount === 0 && <p>Nothing hand-made to adopt on {boxName}.</p>}
      {start.error && <FormAlert error={start.error} />}
    </div>
  );
}
