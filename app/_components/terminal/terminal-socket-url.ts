import { TERMINAL_OPEN_PATH, TERMINAL_WATCH_PATH, type TerminalPath } from "@/lib/domain/terminal/terminal-protocol";

/** ws(s)://<this dashboard>/api/v1/terminal/open?...: the same origin, so the session cookie goes along. */
export function openSocketUrl(box: string, path: TerminalPath | null, cols: number, rows: number): string {
  const q = new URLSearchParams({ box, cols: String(cols), rows: String(rows) });
  if (path) q.set("path", path);
  return `${wsOrigin()}${TERMINAL_OPEN_PATH}?${q}`;
}

export function watchSocketUrl(sessionId: string): string {
  return `${wsOrigin()}${TERMINAL_WATCH_PATH}?${new URLSearchParams({ session: sessionId })}`;
}

function wsOrigin(): string {
  return `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}`;
}

/** What a close without an `ended` or `refused` message means, in words. */
export function closeReason(code: number, reason: string): string {
  if (code === 1006) {
    return (
      "the connection to the dashboard closed without a word (the dashboard refused the socket, " +
      "restarted, or the network dropped)"
    );
  }
  return `the connection to the dashboard closed (code ${code}${reason ? `: ${reason}` : ""})`;
}
