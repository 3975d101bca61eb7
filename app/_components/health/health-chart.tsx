"use client";

import "uplot/dist/uPlot.min.css";
import { useEffect, useRef } from "react";
import type uPlot from "uplot";
import type { ChartData } from "./chart-series";

type Props = { title: string; summary: string; data: ChartData; color: string; unit: string };

const HEIGHT = 140;

/**
 * One time series drawn with uPlot, which is loaded only when a chart is on the page
 * (it is ~50 KB the Health table does not need). The canvas is decorative for a screen
 * reader: the figure's accessible name is the title and its summary in words.
 */
export function HealthChart({ title, summary, data, color, unit }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let plot: uPlot | null = null;
    let cancelled = false;
    const resize = new ResizeObserver(() => plot?.setSize({ width: el.clientWidth, height: HEIGHT }));
    void import("uplot").then(({ default: UPlot }) => {
      if (cancelled) return;
      plot = new UPlot(
        {
          width: el.clientWidth,
          height: HEIGHT,
          legend: { show: false },
          scales: { x: { time: true } },
          axes: [{}, { size: 50, values: (_u, ticks) => ticks.map((t) => `${t}${unit}`) }],
          series: [{}, { label: title, stroke: color, width: 1.5, spanGaps: false }],
        },
        data,
        el,
      );
      resize.observe(el);
    });
    return () => {
      cancelled = true;
      resize.disconnect();
      plot?.destroy();
    };
  }, [data, color, title, unit]);
  return (
    <figure className="min-w-0 space-y-1" data-testid="health-chart">
      <figcaption className="text-xs font-semibold">{title}</figcaption>
      <div ref={box} role="img" aria-label={summary} className="min-h-[140px] w-full" />
      <p className="text-xs text-slate-600">{summary}</p>
    </figure>
  );
}
