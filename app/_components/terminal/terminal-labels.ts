import type { TerminalPath } from "@/lib/domain/terminal/terminal-protocol";

/** How a path reads to a techie: "support path", "via gateway", "direct". */
export const PATH_LABEL: Record<TerminalPath, string> = {
  support: "support path",
  gateway: "via gateway",
  direct: "direct",
};

/** 900 -> "15 min", 28800 -> "8 h", 90 -> "90 s". */
export function formatSeconds(seconds: number): string {
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** 1536 -> "1.5 KiB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
