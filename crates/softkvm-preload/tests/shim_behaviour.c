/*
 * What the shim adds around softkvm, checked from C as a VMM sees it. Expectations
 * are the kernel's documented behaviour (Documentation/virt/kvm/api.rst and the VFS):
 * KVM_GET_API_VERSION is 12 and takes no argument; an fd without an mmap operation
 * (/dev/kvm, a VM fd) fails mmap with ENODEV; an ioctl KVM does not know is EINVAL;
 * a bad argument pointer is EFAULT; KVM_RUN with immediate_exit set is EINTR;
 * a dup'ed fd is the same object; the fds are ordinary descriptors.
 * Prints "ok <n>" or "not ok <n> <what>" lines and exits non-zero on any failure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/kvm.h>

static int failed, n;

static void t(int ok, const char *what)
{
	n++;
	if (ok)
		printf("ok %d %s\n", n, what);
	else {
		printf("not ok %d %s (errno %d)\n", n, what, errno);
		failed = 1;
	}
}

int main(void)
{
	int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	t(kvm >= 0, "open /dev/kvm");
	t(fcntl(kvm, F_GETFD) == FD_CLOEXEC, "O_CLOEXEC honoured");
	t(ioctl(kvm, KVM_GET_API_VERSION, 0) == 12, "KVM_GET_API_VERSION = 12");
	errno = 0;
	t(ioctl(kvm, KVM_GET_API_VERSION, 1) == -1 && errno == EINVAL, "KVM_GET_API_VERSION(1) -> EINVAL");
	errno = 0;
	t(ioctl(kvm, _IO(KVMIO, 0x7f), 0) == -1 && errno == EINVAL, "unknown ioctl on /dev/kvm -> EINVAL");
	errno = 0;
	t(mmap(NULL, 4096, PROT_READ, MAP_SHARED, kvm, 0) == MAP_FAILED && errno == ENODEV, "mmap /dev/kvm -> ENODEV");
	long sz = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	t(sz >= (long)sizeof(struct kvm_run), "KVM_GET_VCPU_MMAP_SIZE covers struct kvm_run");

	int vm = ioctl(kvm, KVM_CREATE_VM, 0);
	t(vm >= 0 && vm != kvm, "KVM_CREATE_VM gives a new fd");
	t(fcntl(vm, F_GETFD) == FD_CLOEXEC, "VM fd is close-on-exec");
	errno = 0;
	t(mmap(NULL, 4096, PROT_READ, MAP_SHARED, vm, 0) == MAP_FAILED && errno == ENODEV, "mmap VM fd -> ENODEV");
	errno = 0;
	t(ioctl(vm, KVM_ARM_PREFERRED_TARGET, (void *)8) == -1 && errno == EFAULT, "PREFERRED_TARGET to a bad pointer -> EFAULT");
	errno = 0;
	t(ioctl(vm, KVM_CREATE_VM, 0) == -1 && errno == EINVAL, "KVM_CREATE_VM on a VM fd -> EINVAL");

	/* close the system fd: the VM lives on (it does not depend on it) */
	t(close(kvm) == 0, "close /dev/kvm fd");
	int vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	t(vcpu >= 0, "KVM_CREATE_VCPU after closing /dev/kvm");
	errno = 0;
	t(ioctl(vm, KVM_CREATE_VCPU, 0) == -1 && errno == EEXIST, "duplicate vCPU id -> EEXIST");

	struct kvm_vcpu_init init;
	memset(&init, 0, sizeof(init));
	init.target = KVM_ARM_TARGET_GENERIC_V8;
	init.features[0] = 1u << KVM_ARM_VCPU_PSCI_0_2;
	errno = 0;
	t(ioctl(vcpu, KVM_ARM_VCPU_INIT, (void *)8) == -1 && errno == EFAULT, "VCPU_INIT from a bad pointer -> EFAULT");
	t(ioctl(vcpu, KVM_ARM_VCPU_INIT, &init) == 0, "VCPU_INIT");

	/* a dup'ed vCPU fd is the same vCPU */
	int vcpu2 = dup(vcpu);
	uint64_t pc = 0x1234, back = 0;
	struct kvm_one_reg reg = {.id = KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | (offsetof(struct kvm_regs, regs.pc) / 4),
				  .addr = (uintptr_t)&pc};
	t(ioctl(vcpu, KVM_SET_ONE_REG, &reg) == 0, "SET PC");
	reg.addr = (uintptr_t)&back;
	t(vcpu2 >= 0 && ioctl(vcpu2, KVM_GET_ONE_REG, &reg) == 0 && back == 0x1234, "GET PC through a dup'ed fd");
	reg.addr = 8;
	errno = 0;
	t(ioctl(vcpu, KVM_GET_ONE_REG, &reg) == -1 && errno == EFAULT, "GET_ONE_REG to a bad pointer -> EFAULT");
	int vcpu3 = fcntl(vcpu, F_DUPFD_CLOEXEC, 100);
	reg.addr = (uintptr_t)&back;
	back = 0;
	t(vcpu3 >= 100 && ioctl(vcpu3, KVM_GET_ONE_REG, &reg) == 0 && back == 0x1234, "F_DUPFD_CLOEXEC'ed fd works");
	close(vcpu3);

	struct kvm_run *run = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	struct kvm_run *run2 = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu2, 0);
	t(run != MAP_FAILED && run2 != MAP_FAILED, "mmap kvm_run twice");
	run->immediate_exit = 1;
	t(run2->immediate_exit == 1, "both mappings share one kvm_run");
	errno = 0;
	t(ioctl(vcpu, KVM_RUN, 0) == -1 && errno == EINTR, "KVM_RUN with immediate_exit -> EINTR");
	errno = 0;
	t(ioctl(vcpu, KVM_RUN, 1) == -1 && errno == EINVAL, "KVM_RUN with an argument -> EINVAL");
	run->immediate_exit = 0;
	t(munmap(run2, sz) == 0, "munmap one mapping");

	/* after close, the number is an ordinary closed fd */
	t(close(vcpu2) == 0 && close(vcpu) == 0, "close both vCPU fds");
	errno = 0;
	t(ioctl(vcpu, KVM_RUN, 0) == -1 && errno == EBADF, "KVM_RUN on a closed fd -> EBADF");
	/* a reused number is not mistaken for the old vCPU */
	int other = open("/dev/null", O_RDONLY);
	if (other != vcpu && other >= 0) {
		dup2(other, vcpu);
	}
	errno = 0;
	t(ioctl(vcpu, KVM_RUN, 0) == -1 && errno == ENOTTY, "KVM_RUN on /dev/null reusing the number -> ENOTTY");
	run->exit_reason = 0x5a5a;
	t(run->exit_reason == 0x5a5a, "the first kvm_run mapping stays usable after close (a mapping outlives its fd)");
	close(vm);
	printf("%s\n", failed ? "FAILED" : "ALL OK");
	return failed;
}
