import { ApiError } from "./api-error";

type ApiRequest = { method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; body?: unknown; signal?: AbortSignal };

/**
 * The one way the browser talks to /api/v1: JSON in, JSON out, and every
 * failure turned into an ApiError. Used only inside TanStack Query's
 * queryFn/mutationFn so caching, retries and invalidation stay in one place.
 */
export async function apiFetch<T>(path: string, { method = "GET", body, signal }: ApiRequest = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal,
      credentials: "same-origin",
      headers:
        body === undefined
          ? { accept: "application/json" }
          : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiError(0, "network", "the dashboard could not be reached; check your connection and try again");
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* a proxy's HTML error page: handled below */
  }
  if (response.ok) return json as T;
  throw toApiError(response.status, json);
}

function toApiError(status: number, json: unknown): ApiError {
  const error = (json as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error;
  if (error && typeof error.message === "string") {
    const fields = error.fields && typeof error.fields === "object" ? (error.fields as Record<string, string[]>) : {};
    return new ApiError(status, typeof error.code === "string" ? error.code : "error", error.message, fields);
  }
  return new ApiError(status, "error", `the server answered ${status} without an explanation`);
}
