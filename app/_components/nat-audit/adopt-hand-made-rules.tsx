"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { fieldErrorsOf, type ApiError } from "@/app/_client/api-error";
import { apiFetch } from "@/app/_client/api-fetch";
import { apiPaths } from "@/app/_client/api-paths";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import type { NatAdoptionPlan } from "@/lib/domain/nat-audit/nat-adoption-views";
import { FieldErrors } from "../form/field-errors";
import { FormAlert } from "../form/form-alert";
import { AdoptionBoxPlan } from "./adoption-box-plan";

type Started = { rollout: { id: number }; removeCount: number };
/** A box the plan leaves out, and what to do first (lib/server/nat-audit/list-adoption-boxes.ts). */
export type SkippedBox = { box: string; name: string; kind: "gateway" | "host"; reason: string };

const names = (plans: { boxName: string }[]) => plans.map((b) => b.boxName).join(", ");

/**
 * "Adopt hand-made rules" (operators, issue 13) on one box or a whole branch: shows the plan
 * from each box's latest audit (the exact lines removed and added per box), asks for the total
 * number of lines removed, then starts ONE rollout over the boxes that lose lines and goes to
 * it. Each box applies atomically and rolls back by itself if a support path breaks. Boxes
 * with nothing to remove stay out of the rollout; `skipped` boxes (no usable audit) are named.
 */
export function AdoptHandMadeRules({
  boxes,
  label,
  skipped = [],
}: {
  boxes: string[];
  label: string;
  skipped?: SkippedBox[];
}) {
  const inputId = useId();
  const [typed, setTyped] = useState("");
  const plan = useMutation<NatAdoptionPlan, ApiError, void>({
    mutationFn: () => apiFetch(apiPaths.natAdoptionPlan(), { method: "POST", body: { boxes } }),
  });
  const start = useApiMutation<{ boxes: string[]; auditIds: number[]; confirm: number }, Started>({
    method: "POST",
    path: apiPaths.natAdoptions(),
    navigateTo: (out) => `/rollouts/${out.rollout.id}`,
  });
  const p = plan.data;
  const adopt = p ? p.boxes.filter((b) => b.remove.length > 0) : [];
  const untouched = p ? p.boxes.filter((b) => b.remove.length === 0) : [];
  const several = boxes.length + skipped.length > 1;
  const confirmErrors = fieldErrorsOf(start.error).confirm ?? [];
  return (
    <div className="space-y-3 text-sm">
      <p>
        Branchdesk&apos;s chains take over; the hand-made equivalents of its rules and their duplicates are removed in
        the same atomic apply; every other rule stays byte for byte.
      </p>
      <p>
        The support path must work before and after, or {several ? "that box" : label} rolls back by itself.
        {several && " One rollout covers every box that loses lines."}
      </p>
      {skipped.length > 0 && (
        <div>
          <p>Not in the plan:</p>
          <ul aria-label="Boxes not in the adoption plan" className="list-disc pl-5">
            {skipped.map((s) => (
              <li key={s.box}>
                {s.name} ({s.kind}): {s.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {boxes.length === 0 ? (
        <p>No box of {label} has a usable NAT audit to plan from.</p>
      ) : (
        <button type="button" className="btn" disabled={plan.isPending} onClick={() => plan.mutate()}>
          {plan.isPending ? "Planning…" : p ? "Plan again" : "Show the adoption plan"}
        </button>
      )}
      {plan.error && <FormAlert error={plan.error} />}
      {adopt.map((b) => (
        <AdoptionBoxPlan key={b.box} plan={b} headed={several} />
      ))}
      {p && adopt.length === 0 && <p>Nothing hand-made to adopt on {label}.</p>}
      {adopt.length > 0 && untouched.length > 0 && (
        <p>
          Nothing hand-made to remove on {names(untouched)}: not in this rollout (applying the rules installs what they
          miss).
        </p>
      )}
      {p && adopt.length > 0 && (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const chosen = { boxes: adopt.map((b) => b.box), auditIds: adopt.map((b) => b.auditId) };
            start.mutate({ ...chosen, confirm: Number(typed.trim()) });
          }}
        >
          {several && (
            <p className="w-full">
              One rollout over {adopt.length} box(es): {names(adopt)}.
            </p>
          )}
          <div className="flex flex-col gap-1">
            <label htmlFor={inputId}>Type {p.removeCount}, the number of lines removed, to confirm</label>
            <input
              id={inputId}
              className="input w-32"
              inputMode="numeric"
              autoComplete="off"
              value={typed}
              aria-invalid={confirmErrors.length > 0 || undefined}
              aria-describedby={confirmErrors.length > 0 ? `${inputId}-error` : undefined}
              onChange={(e) => {
                setTyped(e.target.value);
                if (start.error) start.reset();
              }}
            />
            <FieldErrors id={`${inputId}-error`} errors={confirmErrors} />
          </div>
          {/* The server holds the count (422 naming `confirm`): a wrong number is refused there, with the reason. */}
          <button
            type="submit"
            className="btn btn-primary"
            disabled={start.isPending || !/^\d{1,7}$/.test(typed.trim())}
          >
            {start.isPending ? "Starting…" : `Adopt on ${label}`}
          </button>
        </form>
      )}
      {start.error && <FormAlert error={start.error} />}
    </div>
  );
}
