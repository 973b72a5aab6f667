# compare.awk: judges the realkvm probe's output against softkvm (through the
# preload shim) by the probe's output against a real kernel.
#
#   awk -f compare.awk differences.txt results-<kernel>.txt softkvm-output.txt
#
# Lines are matched by key: `<tag>#<n>` is the n-th PASS/FAIL line with that tag,
# `INFO:<tag>#<n>` the n-th INFO line, `REGS:<list>:<id>` a register id that only one
# side's KVM_GET_REG_LIST printed. The text after the tag must be identical. KERNEL,
# RULES, HOST, KLOG and SUMMARY lines describe the machine, not the API: ignored.
#
# differences.txt entries (blank lines and '#' comments ignored):
#   == <key> <kind>         kind: feature | mainline | softkvm-bug
#   kernel:  <text, or (none)>
#   softkvm: <text, or (none)>
#   why: <reason, continued on lines that start with whitespace>
# An entry excuses a difference only if both texts are exactly what the two sides
# printed (REGS entries need no texts). Exit status 1 if anything is unexplained.
# Plain awk (mawk-compatible): no gawk extensions.

function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t\r]+$/, "", s); return s }

# (ARGV, not FNR == 1: an empty differences list has no first record)
FNR == 1 { fileno = (FILENAME == ARGV[1]) ? 1 : (FILENAME == ARGV[2]) ? 2 : 3 }

fileno == 1 {
	if ($0 ~ /^[ \t]*#/ || $0 ~ /^[ \t]*$/) next
	if ($1 == "==") {
		cur = $2; dkind[cur] = $3; dk[cur] = "(none)"; ds[cur] = "(none)"; dw[cur] = ""
		dorder[++nd] = cur
		if ($3 != "feature" && $3 != "mainline" && $3 != "softkvm-bug") { printf "differences.txt: %s: unknown kind %s\n", cur, $3; bad_list++ }
		next
	}
	if ($0 ~ /^kernel:/) { s = $0; sub(/^kernel:[ ]?/, "", s); dk[cur] = trim(s); next }
	if ($0 ~ /^softkvm:/) { s = $0; sub(/^softkvm:[ ]?/, "", s); ds[cur] = trim(s); next }
	if ($0 ~ /^why:/) { s = $0; sub(/^why:[ ]?/, "", s); dw[cur] = trim(s); next }
	if ($0 ~ /^[ \t]/) { dw[cur] = dw[cur] " " trim($0); next }
	printf "differences.txt: unparsed line: %s\n", $0; bad_list++
	next
}

# fileno 2 = kernel results, 3 = softkvm output
$1 == "PASS" || $1 == "FAIL" || $1 == "INFO" {
	f = fileno; st = $1; tag = $2
	s = $0; sub(/^[A-Z]+[ ]+/, "", s); sub(/^[^ ]+[ ]*/, "", s); s = trim(s)
	if (st == "INFO") { n = ++icnt[f, tag]; key = "INFO:" tag "#" n }
	else { n = ++ccnt[f, tag]; key = tag "#" n }
	if (!((f, key) in text)) { korder[f, ++nk[f]] = key }
	stat[f, key] = st; text[f, key] = s
	next
}
$1 == "REGS" {
	f = fileno; s = $0; sub(/^REGS[ ]+/, "", s)
	name = s; sub(/\[.*$/, "", name); sub(/^[^\]]*\][ ]*/, "", s)
	if (!((f, name) in havelist)) { havelist[f, name] = 1; if (f == 2) lists[++nl] = name }
	m = split(s, ids, /[ ]+/)
	for (i = 1; i <= m; i++) if (ids[i] != "") { regpos[f, name, ids[i]] = ++rcount[f, name]; regat[f, name, rcount[f, name]] = ids[i] }
	next
}
$0 == "ALL DONE" { done[fileno] = 1; next }

function excuse(key, ktext, stext,    ok) {
	if (!(key in dkind)) return 0
	used[key] = 1
	if (dk[key] != ktext || ds[key] != stext) {
		printf "ENTRY MISMATCH %s (%s): the list's texts no longer match what was printed\n", key, dkind[key]
		printf "    list kernel:  %s\n    list softkvm: %s\n    kernel:       %s\n    softkvm:      %s\n", dk[key], ds[key], ktext, stext
		return -1
	}
	return 1
}

function report(kind, key, ktext, stext, fatal,    e) {
	e = excuse(key, ktext, stext)
	if (e == 1) {
		if (dkind[key] == "softkvm-bug") nbug++; else nfeat++
		printf "%-11s %-14s %s\n    kernel:  %s\n    softkvm: %s\n    why: %s\n", (dkind[key] == "softkvm-bug" ? "KNOWN-BUG" : "EXPLAINED"), key, kind, ktext, stext, dw[key]
		return
	}
	if (fatal) { nerr++; tagword = "UNEXPLAINED" } else { ninfo_diff++; tagword = "INFO-DIFF" }
	if (e == 0) printf "%-11s %-14s %s\n    kernel:  %s\n    softkvm: %s\n", tagword, key, kind, ktext, stext
	else if (fatal == 0) nerr++
}

END {
	if (bad_list) nerr += bad_list
	if (!done[3]) { print "UNEXPLAINED softkvm run did not reach ALL DONE"; nerr++ }
	# kernel lines, in the kernel's order
	for (i = 1; i <= nk[2]; i++) {
		key = korder[2, i]; kt = text[2, key]; info = (stat[2, key] == "INFO")
		if (!info) nkpass++
		if (!((3, key) in text)) { report("missing", key, kt, "(none)", !info); continue }
		seen[key] = 1
		st = stat[3, key]; stt = text[3, key]
		if (st == stat[2, key] && stt == kt) { if (info) ninfo_same++; else nsame++; continue }
		if (st == "FAIL" && (key in dkind) && dkind[key] != "softkvm-bug") {
			printf "UNEXPLAINED %-14s FAIL on softkvm, listed as %s (a FAIL can only be a softkvm bug)\n", key, dkind[key]; nerr++; used[key] = 1
		} else if (st == "FAIL") report("FAIL on softkvm", key, kt, stt, 1)
		else report(info ? "differs" : "differs", key, kt, stt, !info)
	}
	# softkvm lines the kernel did not print
	for (i = 1; i <= nk[3]; i++) {
		key = korder[3, i]
		if (key in seen) continue
		if (stat[3, key] == "FAIL") report("FAIL, not in kernel output", key, "(none)", text[3, key], 1)
		else if (stat[3, key] == "PASS") { printf "EXTRA       %-14s %s\n", key, text[3, key]; nextra++ }
		else report("extra INFO", key, "(none)", text[3, key], 0)
	}
	# register lists: membership and order
	for (l = 1; l <= nl; l++) {
		name = lists[l]
		for (i = 1; i <= rcount[2, name]; i++) {
			id = regat[2, name, i]
			if ((3, name, id) in regpos) { common[name]++; kseq[name, common[name]] = id; continue }
			key = "REGS:" name ":" id
			if (key in dkind) { used[key] = 1; if (dkind[key] == "softkvm-bug") nbug++; else nfeat++
				printf "%-11s %-14s only in the kernel's %s list\n    why: %s\n", (dkind[key] == "softkvm-bug" ? "KNOWN-BUG" : "EXPLAINED"), key, name, dw[key] }
			else { printf "UNEXPLAINED %s only in the kernel's %s list\n", key, name; nerr++ }
		}
		c = 0
		for (i = 1; i <= rcount[3, name]; i++) {
			id = regat[3, name, i]
			if ((2, name, id) in regpos) { c++; if (kseq[name, c] != id && !badorder[name]) { printf "UNEXPLAINED REGS:%s order differs at common id #%d: kernel %s, softkvm %s\n", name, c, kseq[name, c], id; badorder[name] = 1; nerr++ }; continue }
			key = "REGS:" name ":" id
			if (key in dkind) { used[key] = 1; if (dkind[key] == "softkvm-bug") nbug++; else nfeat++
				printf "%-11s %-14s only in softkvm's %s list\n    why: %s\n", (dkind[key] == "softkvm-bug" ? "KNOWN-BUG" : "EXPLAINED"), key, name, dw[key] }
			else { printf "UNEXPLAINED %s only in softkvm's %s list\n", key, name; nerr++ }
		}
		if (rcount[3, name] == 0) { printf "UNEXPLAINED softkvm printed no %s register list\n", name; nerr++ }
	}
	for (i = 1; i <= nd; i++) if (!(dorder[i] in used)) { printf "STALE       %-14s listed as %s but the two sides now agree: remove it\n", dorder[i], dkind[dorder[i]]; nstale++ }
	printf "\nSUMMARY kernel PASS lines %d, identical on softkvm %d; listed differences (PASS, INFO, REGS): explained by CPU features or by following current mainline %d, known softkvm bugs %d; unexplained %d\n", nkpass, nsame, nfeat, nbug, nerr
	printf "        INFO lines identical %d, differing %d (not judged unless listed); extra softkvm PASS lines %d; stale list entries %d\n", ninfo_same, ninfo_diff, nextra, nstale
	exit(nerr ? 1 : 0)
}
