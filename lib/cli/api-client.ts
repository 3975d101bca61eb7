/**
 * One JSON API call: fetch with the bearer token, the answer held to the
 * route's zod schema, and every failure turned into a CliError with the exit
 * code it means (exit-codes.ts): 401/403 -> 3, no connection -> 4, any other
 * refusal -> 1 with the dashboard's own message and field errors.
 */
import type { z } from "zod";
import type { Connection } from "./connection";
import { CliError, EXIT } from "./exit-codes";

export type Fetch = typeof fetch;

export type ApiCall<T> = {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Under /api/v1/, without a leading slash: "rollouts/12". */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** null: 204, no body; "text": a download. */
  schema: z.ZodType<T> | null | "text";
  timeoutMs?: number;
};

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "no such host (DNS)",
  EAI_AGAIN: "DNS lookup failed",
  ECONNRESET: "connection reset",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "timed out",
  UND_ERR_CONNECT_TIMEOUT: "connect timed out",
  UND_ERR_SOCKET: "connection closed",
  CERT_HAS_EXPIRED: "TLS certificate expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "self-signed TLS certificate",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "TLS certificate not trusted",
};

/** Why fetch threw, in words: undici hides the socket's error code in `cause` (sometimes an AggregateError's). */
export function describeNetworkError(error: unknown): string {
  const e = error as { name?: string; cause?: { code?: string; errors?: { code?: string }[]; message?: string } };
  if (e.name === "TimeoutError" || e.name === "AbortError") return "timed out";
  const code = e.cause?.code ?? e.cause?.errors?.[0]?.code;
  if (code) return `${NETWORK_CODES[code] ?? code.toLowerCase()} (${code})`;
  return e.cause?.message ?? (error instanceof Error ? error.message : String(error));
}

export function apiUrl(connection: Connection, path: string, query: ApiCall<unknown>["query"] = {}): URL {
  const url = new URL(`api/v1/${path}`, connection.url);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url;
}

type ErrorBody = { error?: { code?: string; message?: string; fields?: Record<string, string[]> } };

function refusal(status: number, label: string, text: string): CliError {
  let body: ErrorBody = {};
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    /* not our error shape: a proxy's page */
  }
  const message = body.error?.message ?? `HTTP ${status}`;
  const fields = Object.entries(body.error?.fields ?? {}).flatMap(([k, v]) => v.map((m) => `  ${k}: ${m}`));
  if (status === 401)
    return new CliError(
      EXIT.unauthorised,
      `${label}: the dashboard refused the token (401: ${message}); it may be revoked, expired or mistyped`,
    );
  if (status === 403) return new CliError(EXIT.unauthorised, `${label}: not allowed (403: ${message})`);
  return new CliError(EXIT.failed, `${label}: ${message} (${status})`, fields);
}

export async function callApi<T>(connection: Connection, fetchImpl: Fetch, call: ApiCall<T>): Promise<T> {
  const url = apiUrl(connection, call.path, call.query);
  const label = `${call.method} ${url.pathname}`;
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: call.method,
      headers: {
        Authorization: `Bearer ${connection.token}`,
        Accept: call.schema === "text" ? "*/*" : "application/json",
        ...(call.body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      redirect: "manual",
      signal: AbortSignal.timeout(call.timeoutMs ?? 60_000),
    });
  } catch (error) {
    throw new CliError(
      EXIT.unreachable,
      `cannot reach the dashboard at ${connection.url.origin}: ${describeNetworkError(error)}`,
    );
  }
  const text = await res.text();
  if (res.status >= 300 && res.status < 400)
    throw new CliError(
      EXIT.failed,
      `${label}: the server redirects to ${res.headers.get("location") ?? "elsewhere"}; give that address as --url`,
    );
  if (!res.ok) throw refusal(res.status, label, text);
  if (call.schema === null) return undefined as T;
  if (call.schema === "text") return text as T;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const type = res.headers.get("content-type") ?? "no content type";
    throw new CliError(
      EXIT.failed,
      `${label}: the answer is not JSON (${type}): is ${connection.url.origin} a Branchdesk dashboard?`,
    );
  }
  const parsed = call.schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError(
      EXIT.failed,
      `${label}: unexpected answer (${issue.path.join(".") || "body"}: ${issue.message}); ` +
        "is this CLI from the dashboard's version?",
    );
  }
  return parsed.data;
}
