/**
 * Reads `sysctl key...` output (and sysctl.conf-style `key=value` lines) into
 * a map. Lines that are neither are ignored on purpose: sysctl prints
 * "cannot stat /proc/sys/net/bridge/..." for a key whose module
 * (br_netfilter) is not loaded, and that key must read as absent, which the
 * diff reports as a wrong setting.
 */
const LINE = /^\s*([A-Za-z0-9_.\-/]+)\s*=\s*(.*?)\s*$/;

export function parseSysctl(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    if (/^\s*[#;]/.test(line)) continue;
    const m = LINE.exec(line);
    if (m) out[m[1]!.replaceAll("/", ".")] = m[2]!;
  }
  return out;
}
