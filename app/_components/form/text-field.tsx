import type { InputHTMLAttributes } from "react";
import { fieldId } from "./field-id";
import { FieldErrors } from "./field-errors";
import { FieldWarnings } from "./field-warnings";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id"> & {
  /** The API's field key, e.g. "lanCidr" or "guest.ip"; also the form data name. */
  name: string;
  label: string;
  hint?: string;
  errors?: string[];
  /** The saved value's warnings (the API's `warnings` for this field). */
  warnings?: string[];
  /** Addresses, MACs, interface names: monospace so they line up and 0/O, 1/l differ. */
  mono?: boolean;
};

/** A labelled input whose errors sit beside it and are announced with it. */
export function TextField({ name, label, hint, errors = [], warnings = [], mono, className, ...input }: Props) {
  const id = fieldId(name);
  const describedBy = [hint && `${id}-hint`, errors.length && `${id}-error`, warnings.length && `${id}-warning`]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={className}>
      <div className="mb-0.5 text-xs font-medium text-slate-700">
        <label htmlFor={id}>{label}</label>
        {/* Outside the label: the input's name stays "Name", and `required` already says it to screen readers. */}
        {input.required && (
          <span className="text-red-700" aria-hidden>
            {" "}
            *
          </span>
        )}
      </div>
      <input
        id={id}
        name={name}
        className={mono ? "input font-mono" : "input"}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      {hint && (
        <p id={`${id}-hint`} className="mt-0.5 text-xs text-slate-500">
          {hint}
        </p>
      )}
      <FieldErrors id={`${id}-error`} errors={errors} />
      <FieldWarnings id={`${id}-warning`} warnings={warnings} />
    </div>
  );
}
