"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { branchQuery } from "@/app/_client/api-queries";
import { sortRows } from "@/app/_client/sort-rows";
import { HOST_STATES } from "@/lib/domain/inventory/host-input";
import { FormAlert } from "../form/form-alert";
import { SortHeader, type SortDir } from "../table/sort-header";
import { HOST_SORT_COLUMNS, hostMatches, type HostSortColumn } from "./host-columns";
import { HostStateBadge } from "../host/host-state-badge";

/**
 * A branch's hosts. The server seeds the branch query; it refetches when the
 * window regains focus (someone else may have changed the branch). A branch
 * holds tens of hosts, not thousands, so sorting and filtering happen here on
 * the rows already loaded, without a round trip.
 */
export function HostsTable({ branchCode }: { branchCode: string }) {
  const query = useQuery(branchQuery(branchCode));
  const hosts = useMemo(() => query.data?.hosts ?? [], [query.data]);
  const [q, setQ] = useState("");
  const [state, setState] = useState("");
  const [sort, setSort] = useState<HostSortColumn>("hostname");
  const [dir, setDir] = useState<SortDir>("asc");
  const rows = useMemo(
    () =>
      sortRows(
        hosts.filter((h) => hostMatches(h, q) && (!state || h.state === state)),
        HOST_SORT_COLUMNS[sort],
        dir,
      ),
    [hosts, q, state, sort, dir],
  );
  const onSort = (column: string, next: SortDir) => {
    setSort(column as HostSortColumn);
    setDir(next);
  };
  const header = (label: string, column: HostSortColumn) => (
    <SortHeader label={label} column={column} sort={sort} dir={dir} onSort={onSort} />
  );

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="hosts-q" className="mb-0.5 block text-xs font-medium text-slate-700">
            Filter hosts
          </label>
          <input
            id="hosts-q"
            type="search"
            className="input w-64"
            placeholder="hostname, serial, IP or MAC"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="hosts-state" className="mb-0.5 block text-xs font-medium text-slate-700">
            State
          </label>
          <select id="hosts-state" className="input w-36" value={state} onChange={(e) => setState(e.target.value)}>
            <option value="">All states</option>
            {HOST_STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <p className="pb-1 text-xs text-slate-500" aria-live="polite">
          {rows.length} of {hosts.length} hosts
        </p>
      </div>
      <FormAlert error={query.error} />
      <table className="data-table" aria-label="Hosts">
        <thead>
          <tr>
            {header("Hostname", "hostname")}
            {header("State", "state")}
            {header("Link-local", "linkLocalIp")}
            {header("NIC MAC", "nicMac")}
            <th scope="col">Guest</th>
            {header("Guest IP", "guestIp")}
            {header("Guest MAC", "guestMac")}
          </tr>
        </thead>
        <tbody>
          {rows.map((h) => (
            <tr key={h.id}>
              <td className="font-mono">
                <Link href={`/hosts/${h.id}`}>{h.hostname}</Link>
              </td>
              <td>
                <HostStateBadge state={h.state} />
              </td>
              <td className="font-mono">{h.linkLocalIp}</td>
              <td className="font-mono">{h.nicMac}</td>
              <td>{h.guest?.name ?? <span className="text-slate-500">no guest</span>}</td>
              <td className="font-mono">{h.guest?.ip}</td>
              <td className="font-mono">{h.guest?.mac}</td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={7} className="py-6 text-center text-slate-500">
                {hosts.length ? "No host matches these filters." : "No hosts in this branch yet."}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
