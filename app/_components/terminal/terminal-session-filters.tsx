/**
 * The sessions page's filters: a plain GET form, so a filtered list is a URL
 * (shareable, survives a reload) and works before any script has loaded.
 */
export function TerminalSessionFilters({ filters }: { filters: { user: string; box: string; open: string } }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter terminal sessions">
      <label className="flex flex-col gap-1">
        <span>User</span>
        <input name="user" defaultValue={filters.user} className="input w-40" autoComplete="off" />
      </label>
      <label className="flex flex-col gap-1">
        <span>Box</span>
        <input name="box" defaultValue={filters.box} placeholder="host:12" className="input w-40" autoComplete="off" />
      </label>
      <label className="flex flex-col gap-1">
        <span>State</span>
        <select name="open" defaultValue={filters.open} className="input">
          <option value="">all</option>
          <option value="true">live</option>
          <option value="false">ended</option>
        </select>
      </label>
      <button type="submit" className="btn btn-secondary">
        Filter
      </button>
    </form>
  );
}
