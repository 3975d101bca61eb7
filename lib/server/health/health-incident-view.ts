import type { HealthEventView, HealthIncidentView } from "@/lib/domain/health/health-views";

type IncidentRow = {
  id: number;
  branchCode: string;
  kind: string;
  summary: string;
  rolloutId: number | null;
  boxes: number;
  startedAt: Date;
  endedAt: Date | null;
};

export function toIncidentView(r: IncidentRow): HealthIncidentView {
  return {
    id: r.id,
    branchCode: r.branchCode,
    kind: r.kind,
    summary: r.summary,
    rolloutId: r.rolloutId,
    boxes: r.boxes,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
  };
}

type EventRow = {
  id: number;
  boxKey: string;
  check: string;
  from: string;
  to: string;
  reason: string;
  startedAt: Date;
  endedAt: Date | null;
  durationMs: number | null;
  incidentId: number | null;
};

export function toEventView(r: EventRow, name: string): HealthEventView {
  return {
    id: r.id,
    box: r.boxKey,
    name,
    check: r.check,
    from: r.from,
    to: r.to,
    reason: r.reason,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    durationMs: r.durationMs,
    incidentId: r.incidentId,
  };
}
