qemu-system-aarch64 -M virt -m 128M -smp 2 -cpu max -nographic -kernel bin/smp-gcc.elf
