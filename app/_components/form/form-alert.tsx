import { ApiError } from "@/app/_client/api-error";

/**
 * The API's message at the top of a form. Field problems are also listed
 * beside their fields; problems keyed to no visible field (e.g. "body") are
 * only in this message, so it is always shown.
 */
export function FormAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof ApiError ? error.message : "something went wrong; try again";
  return (
    <div
      role="alert"
      data-testid="form-error"
      className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
    >
      {message}
    </div>
  );
}
