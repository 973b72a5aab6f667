#!/usr/bin/env bash
# Regenerates guests/expected/NAME.txt for every line of guests/expected/MANIFEST
# by running the guest under QEMU, the oracle for svevm's output:
#
#   qemu-system-aarch64 -M virt -m 128M -smp SMP -cpu CPU -nographic -kernel bin/ELF.elf
#
# and records that command line in guests/expected/NAME.cmd. QEMU's stdout is
# the guest's UART output byte for byte. Installs qemu-system-arm if missing.
#
#   guests/capture-qemu.sh            regenerate everything
#   guests/capture-qemu.sh PATTERN    only names matching the grep PATTERN
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v qemu-system-aarch64 >/dev/null; then
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq qemu-system-arm >/dev/null
fi
pattern=${1:-.}
qemu-system-aarch64 --version | head -1
n=0
while read -r name elf smp cpu; do
	case "$name" in ''|'#'*) continue ;; esac
	echo "$name" | grep -q -- "$pattern" || continue
	cmd=(qemu-system-aarch64 -M virt -m 128M -smp "$smp" -cpu "$cpu" -nographic -kernel "bin/$elf.elf")
	echo "${cmd[*]}" >"expected/$name.cmd"
	# -nographic multiplexes the monitor on stdio: no input, so nothing reaches it.
	if ! timeout 120 "${cmd[@]}" </dev/null >"expected/$name.txt"; then
		echo "capture-qemu.sh: $name: QEMU failed or timed out" >&2
		exit 1
	fi
	n=$((n + 1))
done <expected/MANIFEST
echo "captured $n expected outputs"
