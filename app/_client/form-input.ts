type Json = string | number | { [key: string]: Json };

/**
 * Turns a form into the API's JSON input. Names with dots nest ("guest.ip" ->
 * { guest: { ip } }), so error keys from the API map straight back to inputs.
 * Blank fields are left out: the API then applies its default (bridge virbr0,
 * an allocated link-local address or MAC) or, on PATCH, leaves them unchanged.
 * Values are trimmed but otherwise sent as typed: validation is the API's job,
 * and its message names the field.
 */
export function formInput(form: HTMLFormElement, numbers: readonly string[] = []): Record<string, Json> {
  const input: Record<string, Json> = {};
  for (const [name, raw] of new FormData(form).entries()) {
    if (typeof raw !== "string") continue;
    const text = raw.trim();
    if (text === "") continue;
    const value: Json = numbers.includes(name) && /^\d+$/.test(text) ? Number(text) : text;
    setPath(input, name.split("."), value);
  }
  return input;
}

function setPath(target: Record<string, Json>, path: string[], value: Json): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const child = target[head];
  const next: Record<string, Json> = child && typeof child === "object" ? child : {};
  target[head] = next;
  setPath(next, rest, value);
}
