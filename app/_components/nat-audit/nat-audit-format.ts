import { FINDING_CLASSES } from "@/lib/server/nat-audit/nat-audit-views";

/** What each class means, in the words the page uses (column headers, filter, badges). */
export const CLASS_LABEL: Record<(typeof FINDING_CLASSES)[number], string> = {
  "in-place": "In place",
  missing: "Missing",
  stale: "Stale",
  duplicate: "Duplicate",
  shadowed: "Shadowed",
  "hand-made-equivalent": "Hand-made equivalent",
  foreign: "Foreign",
};

export const CLASSES = FINDING_CLASSES;

export const count = (n: number | null | undefined) => (n === null || n === undefined ? "—" : n.toLocaleString("en"));

/** "2026-11-30 10:00:00 UTC": one timezone for everyone reading an audit report. */
export const when = (iso: string) => `${iso.slice(0, 19).replace("T", " ")} UTC`;
