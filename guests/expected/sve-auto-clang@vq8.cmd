qemu-system-aarch64 -M virt -m 128M -smp 1 -cpu max,sve-max-vq=8 -nographic -kernel bin/sve-auto-clang.elf
