/**
 * A field's problems, right under the field, linked by aria-describedby. The alert role sits on a
 * wrapper: on the <ul> itself it would replace the list's role (axe: aria-allowed-role, listitem).
 */
export function FieldErrors({ id, errors }: { id: string; errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <div id={id} role="alert" className="mt-1 text-xs text-red-700">
      <ul className="space-y-0.5">
        {errors.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </div>
  );
}
