# The agent's planner, run by bd_planner (lib/plan.sh), which documents what
# it reads and writes. Shipped inside the agent as the shell variable
# BD_AWK_PLAN (lib/rollout/ssh/agent-source.ts), so a plan costs one awk process;
# kept in its own file so it is tested on its own (agents/plan.int.test.ts,
# with mawk under dash and busybox awk under busybox). POSIX awk only: boxes
# run mawk, busybox awk or gawk.
function base(f) { sub(/.*\//, "", f); return f }
function owned(n) { return n ~ /^BRANCHDESK-[A-Za-z0-9_-]+$/ }
function builtin(n) { return n ~ /^(PREROUTING|INPUT|OUTPUT|POSTROUTING)$/ }
function bad(msg) { if (!failed) err = base(FILENAME) " line " FNR ": " msg ": " $0; failed = 1 }
function clean(l) { sub(/^\[[0-9]+:[0-9]+\][ \t]+/, "", l); sub(/[ \t\r]+$/, "", l); return l }
# ebtables 2.0.x prints MACs through ether_ntoa: 52:54:0:1:2:a. Padded here
# so a legacy listing compares equal to the rendered 52:54:00:01:02:0a.
function padmacs(l,   n, w, i, p, q, j, out) {
  n = split(l, w, " "); out = ""
  for (i = 1; i <= n; i++) {
    if (split(w[i], p, ":") == 6) {
      q = ""
      for (j = 1; j <= 6; j++) {
        if (p[j] !~ /^[0-9a-fA-F][0-9a-fA-F]?$/) break
        q = q (j > 1 ? ":" : "") (length(p[j]) == 1 ? "0" : "") tolower(p[j])
      }
      if (j == 7) w[i] = q
    }
    out = out (i > 1 ? " " : "") w[i]
  }
  return out
}
function sortarr(a, n,   i, j, t) {
  for (i = 2; i <= n; i++)
    for (j = i; j > 1 && a[j] < a[j - 1]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
}
BEGIN {
  T[1] = "iptables"; T[2] = "ebtables"
  nk = split(keys, K, " ")
  ns = split(cursys, S, " ")
  for (i = 1; i <= ns; i++) { e = index(S[i], "="); cur[substr(S[i], 1, e - 1)] = substr(S[i], e + 1) }
}
FNR == 1 {
  k = base(FILENAME); tool = ""
  if (k == "branchdesk.iptables") { k = "p"; tool = "iptables" }
  else if (k == "branchdesk.ebtables") { k = "p"; tool = "ebtables" }
  else if (k == "branchdesk.adopt" || k == "branchdesk.builtin") tool = "iptables"
  else if (k == "cur.ipt") { k = "c"; tool = "iptables" } else if (k == "cur.eb") { k = "c"; tool = "ebtables" }
  intab = 0
}
failed { next }
k == "p" {
  line = clean($0)
  if (line ~ /^[ \t]*(#|$)/) next
  if (line == "*nat") { if (ptab[tool]) bad("a second table header"); ptab[tool] = 1; next }
  if (line ~ /^\*/) { bad("only the nat table may be written"); next }
  if (!ptab[tool]) { bad("expected *nat first"); next }
  if (line == "COMMIT") { pdone[tool] = 1; next }
  if (pdone[tool]) { bad("nothing may follow COMMIT"); next }
  n = split(line, w, " ")
  if (substr(w[1], 1, 1) == ":") {
    name = substr(w[1], 2); pol = (tool == "iptables") ? "-" : w[2]
    if (!owned(name)) bad("declares a chain Branchdesk does not own (only BRANCHDESK-*)")
    else if (tool == "iptables" && !(w[2] == "-" && (n == 2 || (n == 3 && w[3] ~ /^\[[0-9]+:[0-9]+\]$/))))
      bad("an owned iptables chain is declared as :NAME - [0:0]")
    # RETURN lets unmatched frames go on through PREROUTING; ACCEPT would end
    # PREROUTING for every frame and skip libvirt rules placed after the jump.
    else if (tool == "ebtables" && (n != 2 || (strict && pol != "RETURN")))
      bad("an owned ebtables chain must have policy RETURN")
    else if ((tool, name) in dpol) bad("chain declared twice")
    else { dpol[tool, name] = pol; dn[tool]++; dname[tool, dn[tool]] = name }
    next
  }
  if (w[1] != "-A") { bad("only chain declarations and -A rules in declared chains are allowed"); next }
  if (!owned(w[2])) { bad("writes to a chain Branchdesk does not own (only BRANCHDESK-* chains)"); next }
  if (!((tool, w[2]) in dpol)) { bad("adds to a chain this file does not declare"); next }
  if (n < 3) { bad("a rule without matches or target"); next }
  # Legacy ebtables runs rules as split words: no quotes, globs or $.
  if (strict && line ~ /[^A-Za-z0-9_.:\/!,+=@% -]/) { bad("unexpected character in a rule"); next }
  rn[tool]++; rline[tool, rn[tool]] = line; rchain[tool, rn[tool]] = w[2]
  next
}
k == "branchdesk.jumps" {
  if ($0 ~ /^[ \t]*(#|$)/) next
  if (NF != 4 || $2 != "nat" || ($1 != "iptables" && $1 != "ebtables")) bad("expected \"TOOL nat FROM CHAIN\"")
  else if ($3 !~ /^(PREROUTING|INPUT|FORWARD|OUTPUT|POSTROUTING)$/) bad("a jump comes from a built-in chain")
  else if (!((($1, $4) in dpol))) bad("a jump to a chain the " $1 " file does not declare")
  else { jn[$1]++; jfrom[$1, jn[$1]] = $3; jto[$1, jn[$1]] = $4 }
  next
}
k == "branchdesk.sysctl" {
  if ($0 ~ /^[ \t]*(#|$)/) next
  line = $0; gsub(/[ \t\r]/, "", line); e = index(line, "=")
  key = substr(line, 1, e - 1); val = substr(line, e + 1)
  if (e < 2 || !index(" " keys " ", " " key " ")) bad("only " keys " may be set")
  else if (val !~ /^[0-9]+$/) bad("the value must be a number")
  else { if (!(key in want)) { wn++; wkey[wn] = key } want[key] = val }
  next
}
# Adoption (issue 13): hand-made lines of built-in chains that the dashboard
# found equivalent to Branchdesk's rules (or duplicates of them), exactly as
# iptables-save prints them, one per copy. Deleted in the same transaction
# that installs Branchdesk's chains; only lines that are on the box can go.
k == "branchdesk.adopt" {
  line = clean($0)
  if (line ~ /^[ \t]*(#|$)/) next
  n = split(line, w, " ")
  if (w[1] != "-A" || !builtin(w[2]) || n < 4) bad("only -A rules of built-in nat chains can be adopted")
  else if (n == 4 && w[3] == "-j" && owned(w[4]))
    bad("a plain jump into an owned chain is Branchdesk's own, not adopted")
  else { if (!(line in an)) { adn++; adl[adn] = line; adch[w[2]] = 1 } an[line]++ }
  next
}
# A rollback snapshot only: the built-in chains an adoption touched, as they
# were ("-F CHAIN", then every line in order), rewritten after the owned state.
k == "branchdesk.builtin" {
  line = clean($0)
  if (line ~ /^[ \t]*(#|$)/) next
  n = split(line, w, " ")
  if (strict) bad("a payload may not rewrite a built-in chain (only a rollback snapshot does)")
  else if (!builtin(w[2]) || !((w[1] == "-F" && n == 2) || (w[1] == "-A" && n >= 3)))
    bad("expected -F or -A of a built-in chain")
  else { bn++; bl[bn] = line }
  next
}
k == "branchdesk.modules" { if ($0 !~ /^[ \t]*(#|$)/ && $0 !~ /^[A-Za-z0-9_-]+$/) bad("not a module name"); next }
k == "branchdesk.bridge" {
  if (FNR > 1 || $0 !~ /^[A-Za-z0-9_][A-Za-z0-9_.:-]*$/ || length($0) > 15) bad("expected one interface name")
  next
}
k == "c" {
  line = clean($0)
  if (tool == "ebtables" && ebflavour == "legacy") line = padmacs(line)
  if (line ~ /^\*/) { intab = (line == "*nat"); next }
  if (line == "COMMIT") { intab = 0; next }
  if (!intab || line ~ /^(#|$)/) next
  n = split(line, w, " ")
  if (substr(w[1], 1, 1) == ":") {
    name = substr(w[1], 2)
    if (owned(name)) { cpol[tool, name] = w[2]; cn[tool]++; cname[tool, cn[tool]] = name }
    next
  }
  if (w[1] != "-A") next
  ch = w[2]
  if (tool == "iptables" && builtin(ch)) { cb[line]++; cbn[ch]++; cbl[ch, cbn[ch]] = line }
  if (owned(ch)) { crn[tool]++; crule[tool, crn[tool]] = line; crchain[tool, crn[tool]] = ch; next }
  # Only a plain jump (-A CHAIN -j BRANCHDESK-X, nothing else) is Branchdesk's:
  # a jump with a match is an admin's, neither counted nor ever deleted.
  if (n == 4 && w[3] == "-j" && owned(w[4])) {
    cjn[tool]++; cjline[tool, cjn[tool]] = line; cjfrom[tool, cjn[tool]] = ch; cjto[tool, cjn[tool]] = w[4]
  }
  next
}
# Canonical text of one side (issue 13: the same "is this a change?" as the
# dashboard's diffRuleSet, held to lib/domain/nat-audit/testdata/change-cases.json).
# An owned chain's rules are sorted (Branchdesk's rules never overlap, so their
# order does not matter); plain jumps are counted per built-in chain and target,
# wherever they sit (a jump present once below libvirt's is no change).
function canon(side,   s, t, i, j, nn, nm, jj, nj, rr, nr, f, kk) {
  s = ""
  for (t = 1; t <= 2; t++) {
    s = s "table " T[t] "\n"
    nn = 0; split("", nm)
    if (side == "cur") { for (i = 1; i <= cn[T[t]]; i++) nm[++nn] = cname[T[t], i] }
    else { for (i = 1; i <= dn[T[t]]; i++) nm[++nn] = dname[T[t], i] }
    sortarr(nm, nn)
    for (i = 1; i <= nn; i++) {
      s = s "chain " nm[i] " " (side == "cur" ? cpol[T[t], nm[i]] : dpol[T[t], nm[i]]) "\n"
      nr = 0; split("", rr)
      if (side == "cur") { for (j = 1; j <= crn[T[t]]; j++) if (crchain[T[t], j] == nm[i]) rr[++nr] = crule[T[t], j] }
      else { for (j = 1; j <= rn[T[t]]; j++) if (rchain[T[t], j] == nm[i]) rr[++nr] = rline[T[t], j] }
      sortarr(rr, nr)
      for (j = 1; j <= nr; j++) s = s "rule " rr[j] "\n"
    }
    nj = 0; split("", jj); split("", kk)
    if (side == "cur") { for (i = 1; i <= cjn[T[t]]; i++) kk[cjfrom[T[t], i] " " cjto[T[t], i]]++ }
    else { for (i = 1; i <= jn[T[t]]; i++) kk[jfrom[T[t], i] " " jto[T[t], i]]++ }
    for (f in kk) jj[++nj] = "jump " f " " kk[f]
    sortarr(jj, nj)
    for (i = 1; i <= nj; i++) s = s jj[i] "\n"
  }
  # Hand-made lines an adoption removes: present ones count as a change.
  if (side == "cur") for (i = 1; i <= adn; i++) if (cb[adl[i]] > 0) s = s "adopt " cb[adl[i]] " " adl[i] "\n"
  for (i = 1; i <= nk; i++) s = s "sysctl " K[i] " " (side == "want" && (K[i] in want) ? want[K[i]] : cur[K[i]]) "\n"
  return s
}
# One transaction per table; returns how many lines do work. Deletes only the
# plain jumps (the ones Branchdesk writes), then inserts its own at the top.
function tx(t, f,   i, j, nm, work) {
  work = 0; split("", kk)
  print "*nat" > f
  for (i = 1; i <= dn[t]; i++) {
    nm = dname[t, i]; work++
    if (t == "iptables") print ":" nm " - [0:0]" > f
    else if (ebflavour != "legacy") print ":" nm " " dpol[t, nm] > f
    else if ((t, nm) in cpol) { print "-F " nm > f; print "-P " nm " " dpol[t, nm] > f }
    else print "-N " nm " -P " dpol[t, nm] > f
  }
  for (i = 1; i <= cjn[t]; i++) { print "-D " substr(cjline[t, i], 4) > f; work++ }
  if (t == "iptables") for (i = 1; i <= adn; i++) for (j = 1; j <= del[adl[i]]; j++) {
    print "-D " substr(adl[i], 4) > f; work++
  }
  for (i = 1; i <= rn[t]; i++) { print rline[t, i] > f; work++ }
  for (i = 1; i <= jn[t]; i++) {
    kk[jfrom[t, i]]++; print "-I " jfrom[t, i] " " kk[jfrom[t, i]] " -j " jto[t, i] > f; work++
  }
  # A rollback of an adoption: the built-in chains back exactly as they were.
  # Before the -X below: iptables-nft folds a chain's earlier -D into a later
  # -F of that chain, so a -X in between would find its jump still there
  # ("CHAIN_DEL failed (Device or resource busy)", checked on 1.8.9).
  if (t == "iptables") for (i = 1; i <= bn; i++) { print bl[i] > f; work++ }
  for (i = 1; i <= cn[t]; i++) if (!((t, cname[t, i]) in dpol)) {
    print "-F " cname[t, i] > f; print "-X " cname[t, i] > f; work++
  }
  if (t == "iptables") print "COMMIT" > f
  close(f)
  return work
}
# The owned state as found, as a payload directory; jumps come back plain,
# once, at the top. An absent key (br_netfilter not loaded) comes back as 0,
# which is how the kernel behaved without the module.
function snapshot(d,   t, i, f, seen) {
  for (t = 1; t <= 2; t++) {
    f = d "/branchdesk." T[t]; print "*nat" > f
    for (i = 1; i <= cn[T[t]]; i++)
      print ":" cname[T[t], i] " " (T[t] == "iptables" ? "- [0:0]" : cpol[T[t], cname[T[t], i]]) > f
    for (i = 1; i <= crn[T[t]]; i++) print crule[T[t], i] > f
    if (T[t] == "iptables") print "COMMIT" > f
    close(f)
  }
  f = d "/branchdesk.jumps"; printf "" > f
  for (t = 1; t <= 2; t++) for (i = 1; i <= cjn[T[t]]; i++) if (!seen[T[t], cjfrom[T[t], i], cjto[T[t], i]]++)
    print T[t] " nat " cjfrom[T[t], i] " " cjto[T[t], i] > f
  close(f)
  f = d "/branchdesk.sysctl"; printf "" > f
  for (i = 1; i <= wn; i++) print wkey[i] "=" (cur[wkey[i]] == "absent" ? 0 : cur[wkey[i]]) > f
  close(f)
  printf "" > (d "/branchdesk.modules"); printf "" > (d "/branchdesk.bridge")
  if (adn) {
    f = d "/branchdesk.builtin"
    for (c in adch) { print "-F " c > f; for (i = 1; i <= cbn[c]; i++) print cbl[c, i] > f }
    close(f)
  }
}
END {
  if (failed) { print "error: " err; exit 1 }
  if (beforefile == "") beforefile = out "/before.canon"
  before = canon("cur"); printf "%s", before > beforefile; close(beforefile)
  if (mode == "canon") {
    printf "{\"iptablesRules\":%d,\"ebtablesRules\":%d,\"jumps\":%d}\n",
      crn["iptables"], crn["ebtables"], cjn["iptables"] + cjn["ebtables"]
    exit 0
  }
  # Adoption: a dashboard plan removes exactly the copies it listed (the box
  # changed since the audit otherwise); a boot restore removes what is there.
  for (i = 1; i <= adn; i++) {
    have = cb[adl[i]] + 0; want_n = an[adl[i]]
    if (strict && have != want_n) {
      print "error: branchdesk.adopt: the box has " have " cop" (have == 1 ? "y" : "ies") " of \"" adl[i] \
        "\", the adoption removes " want_n ": the box changed since the audit; audit it again"
      exit 1
    }
    del[adl[i]] = have < want_n ? have : want_n
  }
  desired = canon("want"); printf "%s", desired > (out "/desired.canon"); close(out "/desired.canon")
  wi = tx("iptables", out "/tx.iptables"); we = tx("ebtables", out "/tx.ebtables")
  if (snap != "") snapshot(snap)
  print "ok " (before == desired ? "noop" : "change") " " wi " " we
}