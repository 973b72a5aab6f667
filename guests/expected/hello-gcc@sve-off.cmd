qemu-system-aarch64 -M virt -m 128M -smp 1 -cpu max,sve=off -nographic -kernel bin/hello-gcc.elf
