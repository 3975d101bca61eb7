"use client";

import type { ApiFieldErrors } from "@/app/_client/api-error";
import { TextField } from "../form/text-field";

/** As typed: numbers are checked by the API, whose message names the field. */
export type RolloutOptionsInput = { concurrency: string; canary: boolean; failureBudget: string };
export const DEFAULT_ROLLOUT_OPTIONS: RolloutOptionsInput = { concurrency: "32", canary: false, failureBudget: "1" };

type Props = {
  value: RolloutOptionsInput;
  onChange: (v: RolloutOptionsInput) => void;
  errors: ApiFieldErrors;
  open: boolean;
  onToggle: (open: boolean) => void;
};

/**
 * How carefully a fleet rollout goes: targets at once, the first branch alone
 * as a canary, and how many failures stop it. Folded away: the defaults
 * (32 at once, stop at the first failure) suit almost every push.
 */
export function RolloutOptionsFields({ value, onChange, errors, open, onToggle }: Props) {
  return (
    <details open={open} onToggle={(e) => onToggle(e.currentTarget.open)} className="text-sm">
      <summary className="cursor-pointer select-none text-slate-700">Advanced options</summary>
      <div className="mt-2 flex flex-wrap items-start gap-3">
        <TextField
          name="concurrency"
          label="Concurrency"
          hint="targets at once, fleet-wide"
          inputMode="numeric"
          className="w-40"
          mono
          value={value.concurrency}
          onChange={(e) => onChange({ ...value, concurrency: e.target.value })}
          errors={errors.concurrency}
        />
        <TextField
          name="failureBudget"
          label="Failure budget"
          hint="stop starting targets after this many failures"
          inputMode="numeric"
          className="w-56"
          mono
          value={value.failureBudget}
          onChange={(e) => onChange({ ...value, failureBudget: e.target.value })}
          errors={errors.failureBudget}
        />
        <label className="mt-5 flex items-center gap-2">
          <input
            type="checkbox"
            checked={value.canary}
            onChange={(e) => onChange({ ...value, canary: e.target.checked })}
          />
          Canary: the first branch alone, then the rest if it had no failure
        </label>
      </div>
    </details>
  );
}
