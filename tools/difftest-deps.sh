#!/bin/sh
# Installs what cpu-difftest needs from Debian: the aarch64 cross compiler (to build
# the oracle program) and qemu-user (to run it). Idempotent; called by the crate's
# build script when a tool is missing.
set -e
need=""
command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || need="$need gcc-aarch64-linux-gnu"
command -v qemu-aarch64 >/dev/null 2>&1 || need="$need qemu-user"
command -v llvm-mc >/dev/null 2>&1 || command -v llvm-mc-14 >/dev/null 2>&1 || need="$need llvm-14"
[ -z "$need" ] && exit 0
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $need
