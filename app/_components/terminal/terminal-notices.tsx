import type { TerminalEndReason, TerminalFailure, TerminalPath } from "@/lib/domain/terminal/terminal-protocol";
import { PATH_LABEL } from "./terminal-labels";

const ENDED_CLASS =
  "flex flex-wrap items-center gap-3 border-b border-slate-300 bg-slate-100 px-3 py-2 text-sm text-slate-900";

export type Notice = { code: string; message: string };
export type Failure =
  | { kind: "refused"; failure: TerminalFailure; alternative: TerminalPath | null; path: TerminalPath | null }
  | { kind: "ended"; message: string; reason: TerminalEndReason };

/**
 * What the user must see now, above the terminal: a notice (idle warning,
 * recording stopped) in a polite live region; a refusal or the end of the
 * session in an assertive one, with the way on (another path, Reconnect).
 */
export function TerminalNotices({
  notice,
  failure,
  onRetry,
}: {
  notice: Notice | null;
  failure: Failure | null;
  /** undefined: the same path again. */
  onRetry: (path?: TerminalPath | null) => void;
}) {
  return (
    <>
      <div aria-live="polite" aria-atomic="true">
        {notice && !failure && (
          <p
            data-testid="terminal-notice"
            data-code={notice.code}
            className="border-b border-amber-300 bg-amber-100 px-3 py-2 text-sm font-medium text-amber-950"
          >
            {notice.message}
          </p>
        )}
      </div>
      <div aria-live="assertive" aria-atomic="true">
        {failure?.kind === "refused" && <Refused failure={failure} onRetry={onRetry} />}
        {failure?.kind === "ended" && (
          <div data-testid="terminal-ended" data-reason={failure.reason} className={ENDED_CLASS}>
            <span>
              <strong>Session ended.</strong> {failure.message}
            </span>
            <button type="button" className="btn btn-primary" onClick={() => onRetry()}>
              Reconnect
            </button>
          </div>
        )}
      </div>
    </>
  );
}

function Refused({
  failure,
  onRetry,
}: {
  failure: Extract<Failure, { kind: "refused" }>;
  onRetry: (path?: TerminalPath | null) => void;
}) {
  const f = failure.failure;
  return (
    <div
      data-testid="terminal-failure"
      data-kind={f.kind}
      className="space-y-2 border-b border-red-300 bg-red-50 px-3 py-2 text-sm text-red-950"
    >
      <p>
        <strong>
          Refused{failure.path ? ` (${PATH_LABEL[failure.path]})` : ""}: {f.kind}.
        </strong>{" "}
        {f.message}
      </p>
      {(f.expected || f.got) && (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-3 font-mono text-xs">
          <dt className="font-sans text-red-800">Pinned (expected)</dt>
          <dd data-testid="terminal-failure-expected">{f.expected ?? "—"}</dd>
          <dt className="font-sans text-red-800">Presented (got)</dt>
          <dd data-testid="terminal-failure-got">{f.got ?? "—"}</dd>
        </dl>
      )}
      <div className="flex gap-2">
        {failure.alternative && (
          <button type="button" className="btn btn-primary" onClick={() => onRetry(failure.alternative)}>
            {failure.alternative === "gateway" ? "Try via gateway" : `Try ${PATH_LABEL[failure.alternative]}`}
          </button>
        )}
        <button type="button" className="btn btn-secondary" onClick={() => onRetry()}>
          Try again
        </button>
      </div>
    </div>
  );
}
