/**
 * The response headers that keep a browser from doing more with Branchdesk's
 * answers than showing them, defined once (issue 8). Applied by:
 *   scripts/serve.ts       BASE_HEADERS on every response, static files and the server's own errors included;
 *   proxy.ts               pageCsp() with a fresh nonce on every page;
 *   app/_server/api-handler API_HEADERS on every /api/v1 answer (and the unknown-route 404).
 */

/**
 * nosniff: a JSON answer is never run as a script or rendered as HTML.
 * DENY + frame-ancestors: no other site may frame the dashboard (clickjacking an Apply button).
 * same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on the dashboard's
 * own POSTs (Fetch spec), which the CSRF check in api-handler would refuse.
 */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
};

/** JSON has nothing to load or run; no-store because answers carry inventory, users and sessions. */
export const API_HEADERS: Readonly<Record<string, string>> = {
  ...BASE_HEADERS,
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "Cache-Control": "no-store",
};

/**
 * A page's policy. Scripts: only those carrying this response's nonce, which
 * Next.js stamps on its own (it reads the nonce from this header on the
 * request, see proxy.ts), and what they load ('strict-dynamic'). Styles allow
 * inline: React renders style attributes (progress bars) and a nonce cannot
 * cover attributes; CSS cannot run code. Dev mode needs eval for React's
 * error overlay only.
 */
export function pageCsp(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** 128 random bits, base64: unguessable per response. Web Crypto, so it runs wherever proxy.ts runs. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** Sets each header on anything with set(): a Headers object or a node ServerResponse. */
export function applyHeaders(
  target: { set(name: string, value: string): unknown },
  headers: Readonly<Record<string, string>>,
): void {
  for (const [name, value] of Object.entries(headers)) target.set(name, value);
}
