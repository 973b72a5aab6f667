qemu-system-aarch64 -M virt -m 128M -smp 1 -cpu max,sve1536=on -nographic -kernel bin/vlprobe-gcc.elf
