import type { HostLifecycleResponse } from "@/lib/domain/hardware/hardware-views";

const when = (iso: string) => iso.replace("T", " ").slice(0, 16);

/** The host's earlier boxes (newest first), its key status, and what its retirement holds. */
export function HardwareHistory({ lifecycle }: { lifecycle: HostLifecycleResponse }) {
  return (
    <section aria-labelledby="hardware-heading" className="mt-4 space-y-2">
      <h2 id="hardware-heading" className="text-sm font-semibold">
        Hardware history
      </h2>
      {lifecycle.hostKeyUnverified && (
        <p role="note" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
          Key unverified: {lifecycle.hostKeyUnverified}. Trust the key once the box answers through the gateway.
        </p>
      )}
      {lifecycle.retiredAt && (
        <p className="text-sm">
          Retired {when(lifecycle.retiredAt)} UTC.
          {lifecycle.holds.map((h) => (
            <span key={`${h.kind}-${h.value}`}>
              {" "}
              {h.kind === "link-local" ? "Link-local" : "Guest MAC"} <span className="font-mono">{h.value}</span> held
              until {when(h.until)} UTC.
            </span>
          ))}
        </p>
      )}
      {lifecycle.hardware.length === 0 ? (
        <p className="text-sm text-slate-600">No earlier hardware: this is the first box for this desktop.</p>
      ) : (
        <table className="data-table text-xs" aria-label="Earlier hardware">
          <thead>
            <tr>
              <th scope="col">Serial</th>
              <th scope="col">NIC MAC</th>
              <th scope="col">Host key</th>
              <th scope="col">In service (UTC)</th>
              <th scope="col">Replaced by</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {lifecycle.hardware.map((h) => (
              <tr key={h.id}>
                <td className="font-mono">{h.serial}</td>
                <td className="font-mono">{h.nicMac}</td>
                <td className="font-mono">{h.hostKeyFingerprint ?? "not pinned"}</td>
                <td>
                  {when(h.installedAt)} – {when(h.replacedAt)}
                </td>
                <td>{h.replacedBy}</td>
                <td>{h.reason ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
