qemu-system-aarch64 -M virt -m 128M -smp 1 -cpu a64fx -nographic -kernel bin/vlprobe-clang.elf
