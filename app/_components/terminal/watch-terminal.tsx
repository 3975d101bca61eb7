"use client";

import { useEffect, useState } from "react";
import { ZTerminalServerMessage } from "@/lib/domain/terminal/terminal-protocol";
import { TerminalNotices, type Failure, type Notice } from "./terminal-notices";
import { closeReason, watchSocketUrl } from "./terminal-socket-url";
import { useXterm } from "./use-xterm";
import "@xterm/xterm/css/xterm.css";

/**
 * An admin watching a running session, read-only: the watch socket sends the
 * session's size and what it printed; nothing typed here is sent (the
 * terminal takes no input, and the socket is never written to).
 */
export function WatchTerminal({ sessionId }: { sessionId: string }) {
  const { container, term } = useXterm({ fit: false, readOnly: true });
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState("connecting");
  const [notice, setNotice] = useState<Notice | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  useEffect(() => {
    if (!term) return;
    term.reset();
    const ws = new WebSocket(watchSocketUrl(sessionId));
    ws.binaryType = "arraybuffer";
    let over = false;
    ws.onmessage = (event) => {
      if (event.data instanceof ArrayBuffer) {
        term.write(new Uint8Array(event.data));
        return;
      }
      let json: unknown = null;
      try {
        json = JSON.parse(String(event.data));
      } catch {
        return;
      }
      const parsed = ZTerminalServerMessage.safeParse(json);
      if (!parsed.success) return;
      const m = parsed.data;
      if (m.type === "watching" || m.type === "resized") {
        term.resize(m.cols, m.rows);
        if (m.type === "watching") setState("watching (read-only)");
      } else if (m.type === "notice") setNotice({ code: m.code, message: m.message });
      else if (m.type === "ended") {
        over = true;
        setState("ended");
        setFailure({ kind: "ended", message: m.message, reason: m.reason });
      }
    };
    ws.onclose = (event) => {
      if (over) return;
      over = true;
      setState("ended");
      setFailure({ kind: "ended", message: closeReason(event.code, event.reason), reason: "connection-lost" });
    };
    return () => {
      over = true;
      ws.onclose = null;
      ws.close(1000, "the watcher left");
    };
  }, [term, sessionId, attempt]);

  return (
    <div className="space-y-2" data-testid="watch">
      <TerminalNotices
        notice={notice}
        failure={failure}
        onRetry={() => {
          setState("connecting");
          setFailure(null);
          setAttempt((n) => n + 1);
        }}
      />
      <p className="text-sm" data-testid="terminal-status">
        {state}
      </p>
      <div className="overflow-x-auto">
        <div
          ref={container}
          data-testid="terminal"
          role="region"
          aria-label="Live session (read-only)"
          className="inline-block bg-slate-900 p-1"
        />
      </div>
    </div>
  );
}
