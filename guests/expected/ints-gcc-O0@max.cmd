qemu-system-aarch64 -M virt -m 128M -smp 1 -cpu max -nographic -kernel bin/ints-gcc-O0.elf
