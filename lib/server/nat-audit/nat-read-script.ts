import { err, ok, type Result } from "@/lib/domain/result";

/**
 * What an audit runs on a box: a fixed, read-only script (no value from the inventory or a
 * request reaches it), sent on stdin to `sh -s`. The iptables backend is the one the rollout
 * agent uses: `${BRANCHDESK_IPTABLES:-iptables}` (iptables-legacy on boxes whose other rules
 * live there, agents/lib/common.sh). ebtables-nft tells the truth only through ebtables-save
 * (its `-L` prints user chains' policies wrong); legacy ebtables-save skips built-in tables,
 * so legacy boxes are listed with `-L --Lc`, as agents/lib/state.sh reads them. Sections are
 * "@@" lines, which neither save format can produce.
 */
export const NAT_READ_SCRIPT = `PATH="$PATH:/usr/sbin:/sbin"
LC_ALL=C; export LC_ALL
echo @@uptime
if [ -r /proc/uptime ]; then read -r bd_up _ < /proc/uptime; echo "$bd_up"; fi
echo @@iptables
bd_ipt=\${BRANCHDESK_IPTABLES:-iptables}
if bd_out=$("$bd_ipt-save" -c -t nat 2>&1 </dev/null); then printf '%s\\n' "$bd_out"
else
  case $bd_out in
    *"does not exist"*) : ;;
    *) echo "@@error $bd_ipt-save -c -t nat failed: $(printf '%s' "$bd_out" | head -n 3 | tr '\\n' ' ')" ;;
  esac
fi
echo @@ebtables
if ! command -v ebtables >/dev/null 2>&1; then echo @@absent
elif command -v ebtables-save >/dev/null 2>&1 && bd_eb=$(ebtables-save -c -t nat 2>/dev/null </dev/null) &&
  case $bd_eb in *nf_tables*) true ;; *) false ;; esac; then printf '%s\\n' "$bd_eb"
else
  echo @@listing
  ebtables -t nat -L --Lc 2>&1 </dev/null || echo "@@error ebtables -t nat -L --Lc failed"
fi
echo @@end
`;

export type NatRead = {
  /** iptables-save -c -t nat, as printed (empty: no nat table on a legacy box without iptable_nat). */
  iptables: string;
  /** ebtables nat in save format with counters, a legacy `-L --Lc` listing, or null without ebtables. */
  ebtables: { text: string; format: "save" | "listing" } | null;
  /** Seconds since the box booted, when /proc/uptime could be read. */
  uptimeSeconds: number | null;
};

/** The script's answer, split into its sections; an "@@error" line is the box's own failure. */
export function parseNatRead(stdout: string): Result<NatRead> {
  const sections = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of stdout.split("\n")) {
    const m = /^@@(uptime|iptables|ebtables|end)$/.exec(line);
    if (m) sections.set(m[1]!, (current = []));
    else if (line.startsWith("@@error ")) return err(line.slice("@@error ".length).trim());
    else current?.push(line);
  }
  if (!sections.has("end")) return err(`the nat read ended early: ${stdout.slice(0, 200) || "(no output)"}`);
  const up = Number((sections.get("uptime") ?? [])[0]);
  const eb = sections.get("ebtables") ?? [];
  let ebtables: NatRead["ebtables"] = null;
  if (!eb.includes("@@absent")) {
    const listing = eb[0] === "@@listing";
    ebtables = { text: trimEnd(listing ? eb.slice(1) : eb), format: listing ? "listing" : "save" };
  }
  return ok({
    iptables: trimEnd(sections.get("iptables") ?? []),
    ebtables,
    uptimeSeconds: Number.isFinite(up) && up > 0 ? up : null,
  });
}

const trimEnd = (lines: string[]) => {
  const text = lines.join("\n").replace(/\n+$/, "");
  return text === "" ? "" : `${text}\n`;
};
