// Any origin of our own will do: only whether the path stays on it matters.
const BASE = "http://branchdesk.invalid";

// Browsers drop tabs and newlines from URLs and read "\" as "/", so "/\t/evil.example" and
// "/\evil.example" leave the site; a raw newline in a Location header is a 500. Encoded slashes,
// backslashes and control characters are refused too: no dashboard path needs them, and a proxy
// or router that decodes them once would turn "/%2f/evil.example" into "//evil.example".
const HOSTILE = /[\u0000-\u001f\u007f\\]|%(?:[01][0-9a-f]|7f|2f|5c)/i;

/**
 * Where to go after signing in: a path of this dashboard, or "/". A candidate must be
 * a path that survives URL parsing against our own origin unchanged (same origin, no
 * dot segments or characters the parser rewrites), so the server's redirect and the
 * browser's client-side navigation can only ever mean the same, local, page.
 */
export function safeNextPath(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith("/") || value.startsWith("//") || HOSTILE.test(value)) return "/";
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return "/";
  }
  const path = url.pathname + url.search + url.hash;
  if (url.origin !== BASE || path !== value) return "/";
  // Back to the login page would be a loop.
  if (url.pathname === "/login" || url.pathname.startsWith("/login/")) return "/";
  return path;
}
