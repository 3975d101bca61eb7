"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { FormAlert } from "./form/form-alert";

type Props = {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  /** E.g. while the numbers being confirmed are still being computed. */
  confirmDisabled?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onCancel: () => void;
};

/**
 * A modal question before an action that changes boxes. The native <dialog>
 * (showModal) traps focus, makes the page behind inert and closes on Escape,
 * which a hand-made overlay would each have to re-implement.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  pendingLabel,
  pending,
  confirmDisabled,
  error,
  onConfirm,
  onCancel,
}: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      // Escape: let React state close it, so `open` and the element never disagree.
      onCancel={(e) => {
        e.preventDefault();
        if (!pending) onCancel();
      }}
      className={
        "m-auto w-full max-w-lg rounded border border-slate-300 " +
        "bg-white p-0 text-slate-900 shadow-lg backdrop:bg-slate-900/40"
      }
    >
      <div className="space-y-3 p-4">
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        <div className="space-y-2 text-sm">{children}</div>
        <FormAlert error={error} />
        <div className="flex justify-end gap-2 pt-1">
          {/* Focus starts on the harmless choice: a stray Enter does not push rules. */}
          <button type="button" className="btn btn-secondary" autoFocus disabled={pending} onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={pending || confirmDisabled}
            aria-busy={pending || undefined}
            onClick={onConfirm}
          >
            {pending ? pendingLabel : confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}
