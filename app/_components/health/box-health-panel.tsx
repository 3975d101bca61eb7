"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { ApiError } from "@/app/_client/api-error";
import type { BoxHealthDetailResponse } from "@/lib/domain/health/health-views";
import { FormAlert } from "../form/form-alert";
import { chartData, chartSummary, type SeriesKey } from "./chart-series";
import { CheckNowButton } from "./check-now-button";
import { CheckList } from "./check-list";
import { EventTimeline } from "./event-timeline";
import { HealthChart } from "./health-chart";
import { formatAgo, silentSince } from "./health-format";
import { boxHealthQuery, HEALTH_REFRESH_MS } from "./health-queries";
import { HealthStateBadge } from "./health-state-badge";

type Props = {
  /** "host:12" or "gateway:3". */
  box: string;
  /** Operators get Check now and the terminal link. */
  canOperate: boolean;
  rulesHref: string;
};

const CHARTS: Array<{ key: SeriesKey; title: string; unit: string; color: string }> = [
  { key: "supportMs", title: "Support path latency", unit: " ms", color: "#0369a1" },
  { key: "memUsedPct", title: "Memory used", unit: "%", color: "#7c3aed" },
  { key: "load1", title: "Load (1 min)", unit: "", color: "#b45309" },
  { key: "kswapdCpuPct", title: "kswapd0 CPU", unit: "%", color: "#b91c1c" },
];

/** One box's health: current checks in words (support path first), history charts, events, links. */
export function BoxHealthPanel({ box, canOperate, rulesHref }: Props) {
  const query = useQuery({ ...boxHealthQuery(box), refetchInterval: HEALTH_REFRESH_MS });
  const notYet = query.error instanceof ApiError && query.error.status === 404;
  return (
    <section aria-labelledby="health-heading" className="card space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="health-heading" className="text-sm font-semibold">
          Health
        </h2>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          {canOperate && <Link href={`/terminal/${box}`}>Open terminal</Link>}
          <Link href={rulesHref}>Rules</Link>
          {query.data && (
            <Link href={`/health?branch=${encodeURIComponent(query.data.box.branchCode)}`}>Branch health</Link>
          )}
          {canOperate && <CheckNowButton target={{ box }} label={`Check now: ${box}`} />}
        </div>
      </div>
      {query.isPending && <p className="text-sm text-slate-600">Loading…</p>}
      {notYet && <p className="text-sm text-slate-600">No health data for this box yet: it has not been checked.</p>}
      {!notYet && <FormAlert error={query.error} />}
      {query.data && <PanelBody detail={query.data} now={query.dataUpdatedAt} />}
    </section>
  );
}

function PanelBody({ detail, now }: { detail: BoxHealthDetailResponse; now: number }) {
  const { box, checks, events, samples } = detail;
  const series = useMemo(() => CHARTS.map((c) => ({ ...c, data: chartData(samples.points, c.key) })), [samples.points]);
  return (
    <>
      <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="health-summary">
        <HealthStateBadge state={box.status} />
        <span>{box.summary}</span>
        <span className="text-xs text-slate-600">
          {box.silentSince ? silentSince(box.silentSince, now) : `checked ${formatAgo(box.checkedAt, now)}`}
        </span>
      </div>
      <CheckList checks={checks} />
      <div className="grid gap-3 md:grid-cols-2">
        {series.map((s) => (
          <HealthChart
            key={s.key}
            title={s.title}
            unit={s.unit}
            color={s.color}
            data={s.data}
            summary={`${chartSummary(s.title, s.unit, s.data[1])} Resolution: ${samples.resolution}.`}
          />
        ))}
      </div>
      <EventTimeline events={events} now={now} />
    </>
  );
}
