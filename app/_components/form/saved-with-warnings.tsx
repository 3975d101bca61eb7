import Link from "next/link";

/** `warnings` of a write's answer ({ field: [message] }); {} when it has none. */
export type Warnings = Record<string, string[]>;

export function hasWarnings(warnings: Warnings | undefined): boolean {
  return Object.keys(warnings ?? {}).length > 0;
}

/**
 * Shown instead of navigating away when a save came back with warnings: the
 * record is saved, the warnings sit next to their fields, and the link goes
 * where a warning-free save would have gone.
 */
export function SavedWithWarnings({ what, href }: { what: string; href: string }) {
  return (
    <div
      role="status"
      data-testid="saved-with-warnings"
      className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
    >
      Saved {what}, with warnings: see the fields marked below.{" "}
      <Link href={href} className="font-medium underline">
        Continue to {what}
      </Link>
    </div>
  );
}
