"use client";

import { useState } from "react";
import { WatchTerminal } from "./watch-terminal";

/** "Watch live" for an admin on a running session: the read-only terminal opens on demand. */
export function WatchLive({ sessionId }: { sessionId: string }) {
  const [watching, setWatching] = useState(false);
  return watching ? (
    <div className="space-y-2">
      <button type="button" className="btn btn-secondary" onClick={() => setWatching(false)}>
        Stop watching
      </button>
      <WatchTerminal sessionId={sessionId} />
    </div>
  ) : (
    <button type="button" className="btn btn-primary" onClick={() => setWatching(true)}>
      Watch live
    </button>
  );
}
