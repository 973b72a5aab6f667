qemu-system-aarch64 -M virt -m 128M -smp 1 -cpu max,sve512=off -nographic -kernel bin/vlprobe-clang.elf
