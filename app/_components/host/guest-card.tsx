import Link from "next/link";
import type { HostView } from "@/lib/domain/inventory/inventory-views";
import { DefinitionList } from "../definition-list";

/**
 * The Windows 2000 guest. Its IP is also how head office reaches the host:
 * the host answers ARP for it and redirects TCP 22 to its own sshd.
 */
export function GuestCard({ host, canEdit }: { host: HostView; canEdit: boolean }) {
  const guest = host.guest;
  return (
    <section className="card space-y-3" aria-labelledby="guest-heading">
      <div className="flex min-h-7 items-center justify-between">
        <h2 id="guest-heading" className="text-sm font-semibold">
          Guest
        </h2>
        {canEdit && (
          <Link href={`/hosts/${host.id}/edit#guest`} className="btn btn-secondary hover:no-underline">
            {guest ? "Edit guest" : "Add guest"}
          </Link>
        )}
      </div>
      {guest ? (
        <DefinitionList
          items={[
            { label: "Name", value: guest.name },
            { label: "libvirt domain", value: guest.domain, mono: true },
            { label: "IP", value: guest.ip, mono: true },
            { label: "MAC", value: guest.mac, mono: true },
          ]}
        />
      ) : (
        <p className="text-sm text-slate-500">No guest recorded for this host.</p>
      )}
    </section>
  );
}
