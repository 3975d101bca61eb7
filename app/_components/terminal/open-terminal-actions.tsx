"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** True when a key press belongs to something being typed into, not to the page. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * "Open terminal" (and, for a host, "Open via gateway") as links to the
 * full-window terminal page. With `shortcut`, the page's `t` key opens the
 * terminal too (not while typing in a field, nor with a modifier held).
 */
export function OpenTerminalActions({
  box,
  viaGateway,
  shortcut = false,
}: {
  box: string;
  viaGateway: boolean;
  shortcut?: boolean;
}) {
  const router = useRouter();
  const href = `/terminal/${box}`;
  useEffect(() => {
    if (!shortcut) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "t" || e.ctrlKey || e.metaKey || e.altKey || e.repeat || typing(e.target)) return;
      e.preventDefault();
      router.push(href);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [shortcut, href, router]);
  return (
    <>
      <Link
        href={href}
        className="btn btn-primary hover:no-underline"
        aria-keyshortcuts={shortcut ? "t" : undefined}
        title={shortcut ? "Open terminal (t)" : undefined}
      >
        Open terminal
      </Link>
      {viaGateway && (
        <Link href={`${href}?path=gateway`} className="btn btn-secondary hover:no-underline">
          Open via gateway
        </Link>
      )}
    </>
  );
}
