import type { TerminalServerMessage } from "@/lib/domain/terminal/terminal-protocol";
import { formatSeconds, PATH_LABEL } from "./terminal-labels";

const BAR_CLASS =
  "flex flex-wrap items-center gap-x-4 gap-y-1 border-t border-slate-700 bg-slate-900 px-3 py-1 text-xs text-slate-200";

type Connecting = Extract<TerminalServerMessage, { type: "connecting" }>;
type Opened = Extract<TerminalServerMessage, { type: "opened" }>;

/** The line under the terminal: which path and route, how long the connection took, the key, recording and limits. */
export function TerminalStatusBar({ info, state }: { info: Connecting | Opened | null; state: string }) {
  const opened = info?.type === "opened" ? info : null;
  return (
    <div data-testid="terminal-status" className={BAR_CLASS}>
      <span>
        <span className="text-slate-400">State </span>
        {state}
      </span>
      {info && (
        <span data-testid="terminal-path">
          <span className="text-slate-400">Path </span>
          {PATH_LABEL[info.path]}
        </span>
      )}
      {info && (
        <span>
          <span className="text-slate-400">Route </span>
          <span className="font-mono">{info.route}</span>
        </span>
      )}
      {opened && (
        <>
          <span>
            <span className="text-slate-400">Connect </span>
            {opened.connectMs} ms
          </span>
          <span>
            <span className="text-slate-400">Host key </span>
            <span className="font-mono">{opened.hostKey}</span>
          </span>
          <span>{opened.recordsInput ? "recording output and input" : "recording output"}</span>
          <span>
            <span className="text-slate-400">Limits </span>
            idle {formatSeconds(opened.idleTimeoutSeconds)}, at most {formatSeconds(opened.maxSessionSeconds)}
          </span>
        </>
      )}
    </div>
  );
}
