/**
 * A saved field's warnings, under the field, linked by aria-describedby:
 * amber, not red, because the record was written; the owner should look
 * twice (e.g. a link-local address in a /24 RFC 3927 reserves).
 */
export function FieldWarnings({ id, warnings }: { id: string; warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-xs text-amber-800" data-testid="field-warning">
      {warnings.map((message) => (
        <li key={message}>Warning: {message}</li>
      ))}
    </ul>
  );
}
