"use client";

/**
 * A page that failed to load. The server masks unexpected errors (details go
 * to its log), so the digest is what to quote when reporting it.
 */
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="card max-w-xl border-red-300">
      <h1 className="mb-2 text-lg font-semibold text-red-800">This page could not be loaded</h1>
      <p className="text-sm text-slate-700">
        Try again; if it keeps failing, give an admin this reference:{" "}
        <code className="font-mono">{error.digest ?? "n/a"}</code>
      </p>
      <button type="button" className="btn btn-secondary mt-3" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
