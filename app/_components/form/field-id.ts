/** DOM ids from API field keys: "guest.ip" -> "field-guest-ip" (dots are awkward in CSS selectors). */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}
