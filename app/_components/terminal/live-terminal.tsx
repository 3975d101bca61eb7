"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import {
  ZTerminalServerMessage,
  type TerminalPath,
  type TerminalServerMessage,
} from "@/lib/domain/terminal/terminal-protocol";
import { TerminalNotices, type Failure, type Notice } from "./terminal-notices";
import { closeReason, openSocketUrl } from "./terminal-socket-url";
import { TerminalStatusBar } from "./terminal-status-bar";
import { useXterm } from "./use-xterm";
import "@xterm/xterm/css/xterm.css";

type Info = Extract<TerminalServerMessage, { type: "connecting" | "opened" }>;
type State = "connecting" | "open" | "refused" | "ended";

/**
 * The live terminal (issue 10): one WebSocket to the dashboard, which holds the
 * SSH session. Output arrives as binary frames, written to xterm as bytes;
 * control messages as JSON. The terminal never just freezes: a refusal, an
 * end or an unexpected close each say why and offer the next step (another
 * path, Reconnect).
 */
export function LiveTerminal({ box, initialPath }: { box: string; initialPath: TerminalPath | null }) {
  const socket = useRef<WebSocket | null>(null);
  const sendResize = useCallback((cols: number, rows: number) => {
    const ws = socket.current;
    if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: "resize", cols, rows }));
  }, []);
  const { container, term } = useXterm({ fit: true, onResize: sendResize });
  const [path, setPath] = useState<TerminalPath | null>(initialPath);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<State>("connecting");
  const [info, setInfo] = useState<Info | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  useEffect(() => {
    if (!term) return;
    term.reset();
    const ws = new WebSocket(openSocketUrl(box, path, term.cols, term.rows));
    ws.binaryType = "arraybuffer";
    socket.current = ws;
    let over = false;
    const input = term.onData((data) => {
      if (ws.readyState === WebSocket.OPEN && !over) ws.send(JSON.stringify({ type: "input", data }));
    });
    ws.onmessage = (event) => {
      if (event.data instanceof ArrayBuffer) {
        term.write(new Uint8Array(event.data));
        return;
      }
      const parsed = ZTerminalServerMessage.safeParse(safeJson(String(event.data)));
      if (!parsed.success) return;
      const m = parsed.data;
      if (m.type === "connecting") setInfo(m);
      else if (m.type === "opened") {
        setInfo(m);
        setState("open");
        term.focus();
        // The size may have changed while the SSH session was being set up.
        ws.send(JSON.stringify({ type: "resize", cols: term.cols, rows: term.rows }));
      } else if (m.type === "notice") setNotice({ code: m.code, message: m.message });
      else if (m.type === "refused") {
        over = true;
        setState("refused");
        setFailure({ kind: "refused", failure: m.failure, alternative: m.alternative, path: m.path });
      } else if (m.type === "ended") {
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
      input.dispose();
      ws.onclose = null;
      ws.close(1000, "the user closed the terminal");
      socket.current = null;
    };
  }, [term, box, path, attempt]);

  const reconnect = (next: TerminalPath | null) => {
    setState("connecting");
    setInfo(null);
    setNotice(null);
    setFailure(null);
    if (next !== path) setPath(next);
    else setAttempt((n) => n + 1);
  };

  return (
    <div className="flex h-full min-h-0 flex-col">
      <TerminalNotices
        notice={notice}
        failure={failure}
        onRetry={(next) => reconnect(next === undefined ? path : next)}
      />
      <div
        ref={container}
        data-testid="terminal"
        className="min-h-0 flex-1 bg-slate-900 p-1"
        aria-label={`Terminal on ${box}`}
        role="region"
      />
      <TerminalStatusBar info={info} state={state} />
    </div>
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
