import type { SelectHTMLAttributes } from "react";
import { fieldId } from "./field-id";
import { FieldErrors } from "./field-errors";

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id"> & {
  name: string;
  label: string;
  options: readonly string[];
  errors?: string[];
};

export function SelectField({ name, label, options, errors = [], className, ...select }: Props) {
  const id = fieldId(name);
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-0.5 block text-xs font-medium text-slate-700">
        {label}
      </label>
      <select
        id={id}
        name={name}
        className="input"
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={errors.length ? `${id}-error` : undefined}
        {...select}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}
