/**
 * Mirrors a table's filters into the address bar without a navigation, so a
 * filtered view can be bookmarked or shared and survives a reload. Next's
 * router observes history.replaceState, so useSearchParams stays in step.
 */
export function replaceSearchParams(params: Record<string, string>): void {
  const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "")).toString();
  const url = `${window.location.pathname}${search ? `?${search}` : ""}`;
  if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, "", url);
}
