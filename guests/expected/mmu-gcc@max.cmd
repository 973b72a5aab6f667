qemu-system-aarch64 -M virt -m 128M -smp 1 -cpu max -nographic -kernel bin/mmu-gcc.elf
