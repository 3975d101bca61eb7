/**
 * Where to go after signing in. Only same-site paths: "//evil.example" and
 * "/\evil.example" are protocol-relative to browsers and would make the login
 * page an open redirect.
 */
export function safeNextPath(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (value.startsWith("/login")) return "/";
  return value;
}
