/** What Next hands a page as searchParams. */
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** One value per key: a repeated ?q=a&q=b keeps the first, as a form would send it. */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key] = first;
  }
  return out;
}
