"use client";

import type { AuditFilters } from "./audit-filters";

const TEXT_FIELDS: Array<{ key: "actor" | "action" | "entityId" | "requestId"; label: string; placeholder: string }> = [
  { key: "actor", label: "Actor", placeholder: "admin" },
  // A trailing dot is a prefix: "host." is every host change.
  { key: "action", label: "Action", placeholder: "host.create, or host." },
  { key: "entityId", label: "Entity id", placeholder: "BR-0042 or 17" },
  // Everything one request changed: the id the API answered as X-Request-Id, or a row's "request" link.
  { key: "requestId", label: "Request id", placeholder: "X-Request-Id" },
];

type Props = { filters: AuditFilters; onChange: (f: AuditFilters) => void; entityTypes: string[] };

/** `entityTypes`: what this reader may see (the page decides by role); the API filters on exact types. */
export function AuditFiltersForm({ filters, onChange, entityTypes }: Props) {
  return (
    <div className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter audit events">
      <div>
        <label htmlFor="audit-entityType" className="mb-0.5 block text-xs font-medium text-slate-700">
          Entity type
        </label>
        <select
          id="audit-entityType"
          className="input w-36"
          value={filters.entityType}
          onChange={(e) => onChange({ ...filters, entityType: e.target.value })}
        >
          <option value="">All</option>
          {entityTypes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      {TEXT_FIELDS.map(({ key, label, placeholder }) => (
        <div key={key}>
          <label htmlFor={`audit-${key}`} className="mb-0.5 block text-xs font-medium text-slate-700">
            {label}
          </label>
          <input
            id={`audit-${key}`}
            type="search"
            className="input w-44"
            placeholder={placeholder}
            value={filters[key]}
            onChange={(e) => onChange({ ...filters, [key]: e.target.value })}
          />
        </div>
      ))}
    </div>
  );
}
