"use client";

import Link from "next/link";
import { auditQuery } from "@/app/_client/api-queries";
import { apiPaths, withSearch } from "@/app/_client/api-paths";
import { useApiMutation } from "@/app/_client/use-api-mutation";
import { useHydrated } from "@/app/_client/use-hydrated";
import type { BranchDiscoveryResponse, DiscoveredBox } from "@/lib/domain/discovery/discovery-views";
import { FormAlert } from "../form/form-alert";

type Props = { branchCode: string; canEnrol: boolean };

/** The new-host form's address for a found box: its link-local address, MAC and the key discovery saw. */
export function enrolHref(branchCode: string, box: DiscoveredBox): string {
  const prefill: Record<string, string> = { linkLocalIp: box.linkLocalIp, nicMac: box.mac };
  if (box.fingerprint) prefill.hostKey = box.fingerprint;
  return withSearch(`/branches/${encodeURIComponent(branchCode)}/hosts/new`, prefill);
}

/**
 * Discover (operator): the boxes on the branch LAN that answer and are not in
 * the inventory, each with its MAC and its host key as scanned through the
 * gateway. "Enrol this" (admin) opens the new-host form pre-filled; the key
 * is pinned there only when a second scan shows the same one.
 */
export function DiscoverPanel({ branchCode, canEnrol }: Props) {
  const hydrated = useHydrated();
  const discover = useApiMutation<Record<string, never>, BranchDiscoveryResponse>({
    method: "POST",
    path: apiPaths.branchDiscover(branchCode),
    invalidate: [auditQuery().queryKey],
  });
  const result = discover.data;
  return (
    <section aria-labelledby="discovery-heading" className="space-y-2">
      <div className="flex items-center gap-3">
        <h2 id="discovery-heading" className="text-sm font-semibold">
          Discovery
        </h2>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={!hydrated || discover.isPending}
          onClick={() => discover.mutate({})}
        >
          {discover.isPending ? "Discovering…" : "Discover"}
        </button>
      </div>
      <FormAlert error={discover.error} />
      {result && (
        <>
          <p role="status" className="text-xs text-slate-500">
            {result.found.length === 0 ? "No box found" : `${result.found.length} box(es) found`} that the inventory
            does not know: {result.swept} link-local addresses swept
            {result.range && (
              <>
                {" "}
                (<span className="font-mono">{result.range.first}</span>–
                <span className="font-mono">{result.range.last}</span> and the gateway&apos;s known neighbours)
              </>
            )}
            {result.truncated && ", cut short by the sweep's bound"} in {(result.durationMs / 1000).toFixed(1)} s.
          </p>
          {result.found.length > 0 && (
            <table className="data-table" aria-label="Boxes found by discovery">
              <thead>
                <tr>
                  <th scope="col">Link-local address</th>
                  <th scope="col">MAC</th>
                  <th scope="col">Host key (scanned through the gateway)</th>
                  <th scope="col">
                    <span className="sr-only">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.found.map((box) => (
                  <tr key={box.linkLocalIp}>
                    <td className="font-mono">{box.linkLocalIp}</td>
                    <td className="font-mono">{box.mac}</td>
                    <td className="font-mono">
                      {box.fingerprint ?? <span className="font-sans text-amber-800">{box.keyError}</span>}
                    </td>
                    <td>
                      {canEnrol ? (
                        <Link href={enrolHref(branchCode, box)} aria-label={`Enrol ${box.linkLocalIp}`}>
                          Enrol this
                        </Link>
                      ) : (
                        <span className="text-xs text-slate-500">an admin enrols it</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
