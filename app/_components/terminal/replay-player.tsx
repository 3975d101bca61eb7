"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiError } from "@/app/_client/api-error";
import { terminalRecordingQuery } from "@/app/_client/api-queries";
import {
  REPLAY_SPEEDS,
  ReplayTimeline,
  type ReplaySpeed,
  type ReplayStep,
} from "@/lib/domain/terminal/replay-timeline";
import type { Terminal } from "@xterm/xterm";
import { useXterm } from "./use-xterm";
import "@xterm/xterm/css/xterm.css";

const TICK_MS = 50;

/**
 * Replays a recording in the browser: an xterm fed from the asciicast at the
 * recorded size, with play/pause, a seek slider and speed. The timeline
 * (lib/domain/terminal/replay-timeline.ts) says what to write; seeking back is
 * a reset and a rewrite up to that point.
 */
export function ReplayPlayer({ sessionId }: { sessionId: string }) {
  const recording = useQuery(terminalRecordingQuery(sessionId));
  const { container, term } = useXterm({ fit: false, readOnly: true });
  const timeline = useMemo(() => {
    const r = recording.data;
    return r ? new ReplayTimeline(r.events, { cols: r.header.width, rows: r.header.height }) : null;
  }, [recording.data]);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<ReplaySpeed>(1);
  const [time, setTime] = useState(0);
  const last = useRef(0);

  const apply = useCallback(
    (step: ReplayStep) => {
      if (!term || !timeline) return;
      applyStep(term, step);
      setTime(timeline.time);
    },
    [term, timeline],
  );

  useEffect(() => {
    if (!term || !timeline) return;
    // The recorded size first: a recording replays at the size it was made at.
    // (No state to set: a new timeline starts at 0, which is what `time` starts at.)
    applyStep(term, { reset: true, ops: [{ kind: "resize", ...timeline.initialSize }] });
    applyStep(term, timeline.seek(0));
  }, [term, timeline]);

  useEffect(() => {
    if (!playing || !timeline) return;
    last.current = performance.now();
    const timer = window.setInterval(() => {
      const now = performance.now();
      apply(timeline.advance((now - last.current) / 1000, speed));
      last.current = now;
      if (timeline.finished) setPlaying(false);
    }, TICK_MS);
    return () => window.clearInterval(timer);
  }, [playing, speed, timeline, apply]);

  if (recording.error) {
    const message = recording.error instanceof ApiError ? recording.error.message : "the recording could not be loaded";
    return (
      <p role="alert" className="text-sm text-red-800">
        {message}
      </p>
    );
  }
  const duration = timeline?.duration ?? 0;
  const play = () => {
    if (timeline?.finished) apply(timeline.seek(0));
    setPlaying(true);
  };
  return (
    <div className="space-y-2" data-testid="replay">
      {recording.data?.truncated && (
        <p className="text-sm text-amber-800">
          This recording is longer than the browser replays at once: its start is shown (admins can download all of it).
        </p>
      )}
      {recording.data?.live && (
        <p className="text-sm text-slate-600">The session is still running: this is what was recorded so far.</p>
      )}
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <button
          type="button"
          className="btn btn-primary"
          disabled={!timeline}
          onClick={() => (playing ? setPlaying(false) : play())}
        >
          {playing ? "Pause" : "Play"}
        </button>
        <label className="flex items-center gap-2">
          <span>Position</span>
          <input
            type="range"
            min={0}
            max={duration}
            step={0.01}
            value={time}
            disabled={!timeline}
            onChange={(e) => timeline && apply(timeline.seek(Number(e.target.value)))}
            className="w-64"
            aria-valuetext={`${time.toFixed(1)} of ${duration.toFixed(1)} seconds`}
          />
        </label>
        <span className="font-mono text-xs" data-testid="replay-time">
          {time.toFixed(1)} s / {duration.toFixed(1)} s
        </span>
        <label className="flex items-center gap-2">
          <span>Speed</span>
          <select className="input" value={speed} onChange={(e) => setSpeed(Number(e.target.value) as ReplaySpeed)}>
            {REPLAY_SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}x
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="overflow-x-auto">
        <div
          ref={container}
          data-testid="terminal"
          role="region"
          aria-label="Recording replay"
          className="inline-block bg-slate-900 p-1"
        />
      </div>
    </div>
  );
}

function applyStep(term: Terminal, step: ReplayStep): void {
  if (step.reset) term.reset();
  for (const op of step.ops) {
    if (op.kind === "write") term.write(op.data);
    else term.resize(op.cols, op.rows);
  }
}
