qemu-system-aarch64 -M virt -m 128M -smp 1 -cpu max,sve-max-vq=1 -nographic -kernel bin/vlprobe-gcc.elf
