import { CLASS_LABEL, CLASSES } from "./nat-audit-format";

export type NatAuditFilterValues = { class: string; branch: string; kind: string };

/**
 * The fleet audit's filters: a plain GET form, so a filtered view is a URL (?class=shadowed)
 * that an auditor can share, and it works before any script has loaded.
 */
export function NatAuditFilters({ filters }: { filters: NatAuditFilterValues }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter the NAT audit">
      <label className="flex flex-col gap-1">
        <span>Class</span>
        <select name="class" defaultValue={filters.class} className="input">
          <option value="">any</option>
          {CLASSES.map((c) => (
            <option key={c} value={c}>
              {CLASS_LABEL[c]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span>Branch</span>
        <input
          name="branch"
          defaultValue={filters.branch}
          placeholder="BR-0042"
          className="input w-32"
          autoComplete="off"
        />
      </label>
      <label className="flex flex-col gap-1">
        <span>Box</span>
        <select name="kind" defaultValue={filters.kind} className="input">
          <option value="">gateways and hosts</option>
          <option value="gateway">gateways</option>
          <option value="host">hosts</option>
        </select>
      </label>
      <button type="submit" className="btn btn-secondary">
        Filter
      </button>
    </form>
  );
}
