import type { EnrolmentTokenView } from "@/lib/domain/enrolment/enrolment-views";
import { EnrolmentTokenForm } from "./enrolment-token-form";
import { RevokeTokenButton } from "./revoke-token-button";

const when = (iso: string | null) => (iso ? iso.replace("T", " ").slice(0, 16) : "—");

/**
 * The branch page's "Enrol a new box" (admins): a one-liner token, and the
 * tokens made so far (never the tokens themselves: only their hashes are kept).
 */
export function EnrolmentSection({ branchCode, tokens }: { branchCode: string; tokens: EnrolmentTokenView[] }) {
  return (
    <section aria-labelledby="enrol-heading" className="mb-4 space-y-2">
      <h2 id="enrol-heading" className="text-sm font-semibold">
        Enrol a new box
      </h2>
      <p className="text-xs text-slate-600">
        A single-use token: the box runs one line as root, reports itself and is added as enrolled with its key pinned.
        Then Apply the branch&apos;s rules above.
      </p>
      <EnrolmentTokenForm branchCode={branchCode} />
      {tokens.length > 0 && (
        <table className="data-table text-xs" aria-label={`Enrolment tokens of ${branchCode}`}>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Status</th>
              <th scope="col">For</th>
              <th scope="col">Created by</th>
              <th scope="col">Expires (UTC)</th>
              <th scope="col">Used (UTC)</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.id}</td>
                <td>{t.status}</td>
                <td className="font-mono">
                  {[t.hostId ? `host #${t.hostId}` : null, t.hostname, t.expectedSerial, t.guestIp]
                    .filter(Boolean)
                    .join(", ") || "any new box"}
                </td>
                <td>{t.createdBy}</td>
                <td>{when(t.expiresAt)}</td>
                <td>
                  {when(t.usedAt)}
                  {t.usedByHostId && (
                    <>
                      {" "}
                      <a href={`/hosts/${t.usedByHostId}`}>host #{t.usedByHostId}</a>
                    </>
                  )}
                </td>
                <td>{t.status === "unused" && <RevokeTokenButton id={t.id} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
