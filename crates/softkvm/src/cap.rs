//! KVM capabilities: the argument of `KVM_CHECK_EXTENSION`.
//!
//! [`Cap`] has kvm-ioctls' variant names for aarch64 with the kernel's `KVM_CAP_*`
//! numbers. What softkvm answers for each is in [`crate::system::Kvm::check_extension_raw`].

/// A capability, as kvm-ioctls' `Cap` on aarch64 (same names, same values).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
#[allow(missing_docs)]
pub enum Cap {
    /// `KVM_CAP_IRQCHIP`
    Irqchip = 0,
    /// `KVM_CAP_HLT`
    Hlt = 1,
    /// `KVM_CAP_MMU_SHADOW_CACHE_CONTROL`
    MmuShadowCacheControl = 2,
    /// `KVM_CAP_USER_MEMORY`
    UserMemory = 3,
    /// `KVM_CAP_SET_TSS_ADDR`
    SetTssAddr = 4,
    /// `KVM_CAP_VAPIC`
    Vapic = 6,
    /// `KVM_CAP_EXT_CPUID`
    ExtCpuid = 7,
    /// `KVM_CAP_CLOCKSOURCE`
    Clocksource = 8,
    /// `KVM_CAP_NR_VCPUS`
    NrVcpus = 9,
    /// `KVM_CAP_NR_MEMSLOTS`
    NrMemslots = 10,
    /// `KVM_CAP_PIT`
    Pit = 11,
    /// `KVM_CAP_NOP_IO_DELAY`
    NopIoDelay = 12,
    /// `KVM_CAP_PV_MMU`
    PvMmu = 13,
    /// `KVM_CAP_MP_STATE`
    MpState = 14,
    /// `KVM_CAP_COALESCED_MMIO`
    CoalescedMmio = 15,
    /// `KVM_CAP_SYNC_MMU`
    SyncMmu = 16,
    /// `KVM_CAP_IOMMU`
    Iommu = 18,
    /// `KVM_CAP_DESTROY_MEMORY_REGION_WORKS`
    DestroyMemoryRegionWorks = 21,
    /// `KVM_CAP_USER_NMI`
    UserNmi = 22,
    /// `KVM_CAP_SET_GUEST_DEBUG`
    SetGuestDebug = 23,
    /// `KVM_CAP_IRQ_ROUTING`
    IrqRouting = 25,
    /// `KVM_CAP_IRQ_INJECT_STATUS`
    IrqInjectStatus = 26,
    /// `KVM_CAP_ASSIGN_DEV_IRQ`
    AssignDevIrq = 29,
    /// `KVM_CAP_JOIN_MEMORY_REGIONS_WORKS`
    JoinMemoryRegionsWorks = 30,
    /// `KVM_CAP_IRQFD`
    Irqfd = 32,
    /// `KVM_CAP_SET_BOOT_CPU_ID`
    SetBootCpuId = 34,
    /// `KVM_CAP_IOEVENTFD`
    Ioeventfd = 36,
    /// `KVM_CAP_SET_IDENTITY_MAP_ADDR`
    SetIdentityMapAddr = 37,
    /// `KVM_CAP_ADJUST_CLOCK`
    AdjustClock = 39,
    /// `KVM_CAP_INTERNAL_ERROR_DATA`
    InternalErrorData = 40,
    /// `KVM_CAP_VCPU_EVENTS`
    VcpuEvents = 41,
    /// `KVM_CAP_S390_PSW`
    S390Psw = 42,
    /// `KVM_CAP_PPC_SEGSTATE`
    PpcSegstate = 43,
    /// `KVM_CAP_HYPERV`
    Hyperv = 44,
    /// `KVM_CAP_HYPERV_VAPIC`
    HypervVapic = 45,
    /// `KVM_CAP_HYPERV_SPIN`
    HypervSpin = 46,
    /// `KVM_CAP_PCI_SEGMENT`
    PciSegment = 47,
    /// `KVM_CAP_PPC_PAIRED_SINGLES`
    PpcPairedSingles = 48,
    /// `KVM_CAP_INTR_SHADOW`
    IntrShadow = 49,
    /// `KVM_CAP_X86_ROBUST_SINGLESTEP`
    X86RobustSinglestep = 51,
    /// `KVM_CAP_PPC_OSI`
    PpcOsi = 52,
    /// `KVM_CAP_PPC_UNSET_IRQ`
    PpcUnsetIrq = 53,
    /// `KVM_CAP_ENABLE_CAP`
    EnableCap = 54,
    /// `KVM_CAP_PPC_GET_PVINFO`
    PpcGetPvinfo = 57,
    /// `KVM_CAP_PPC_IRQ_LEVEL`
    PpcIrqLevel = 58,
    /// `KVM_CAP_ASYNC_PF`
    AsyncPf = 59,
    /// `KVM_CAP_TSC_CONTROL`
    TscControl = 60,
    /// `KVM_CAP_GET_TSC_KHZ`
    GetTscKhz = 61,
    /// `KVM_CAP_PPC_BOOKE_SREGS`
    PpcBookeSregs = 62,
    /// `KVM_CAP_SPAPR_TCE`
    SpaprTce = 63,
    /// `KVM_CAP_PPC_SMT`
    PpcSmt = 64,
    /// `KVM_CAP_PPC_RMA`
    PpcRma = 65,
    /// `KVM_CAP_MAX_VCPUS`
    MaxVcpus = 66,
    /// `KVM_CAP_MAX_VCPU_ID`
    MaxVcpuId = 128,
    /// `KVM_CAP_PPC_HIOR`
    PpcHior = 67,
    /// `KVM_CAP_PPC_PAPR`
    PpcPapr = 68,
    /// `KVM_CAP_SW_TLB`
    SwTlb = 69,
    /// `KVM_CAP_ONE_REG`
    OneReg = 70,
    /// `KVM_CAP_S390_GMAP`
    S390Gmap = 71,
    /// `KVM_CAP_TSC_DEADLINE_TIMER`
    TscDeadlineTimer = 72,
    /// `KVM_CAP_S390_UCONTROL`
    S390Ucontrol = 73,
    /// `KVM_CAP_SYNC_REGS`
    SyncRegs = 74,
    /// `KVM_CAP_PCI_2_3`
    Pci23 = 75,
    /// `KVM_CAP_KVMCLOCK_CTRL`
    KvmclockCtrl = 76,
    /// `KVM_CAP_SIGNAL_MSI`
    SignalMsi = 77,
    /// `KVM_CAP_PPC_GET_SMMU_INFO`
    PpcGetSmmuInfo = 78,
    /// `KVM_CAP_S390_COW`
    S390Cow = 79,
    /// `KVM_CAP_PPC_ALLOC_HTAB`
    PpcAllocHtab = 80,
    /// `KVM_CAP_READONLY_MEM`
    ReadonlyMem = 81,
    /// `KVM_CAP_IRQFD_RESAMPLE`
    IrqfdResample = 82,
    /// `KVM_CAP_PPC_BOOKE_WATCHDOG`
    PpcBookeWatchdog = 83,
    /// `KVM_CAP_PPC_HTAB_FD`
    PpcHtabFd = 84,
    /// `KVM_CAP_S390_CSS_SUPPORT`
    S390CssSupport = 85,
    /// `KVM_CAP_PPC_EPR`
    PpcEpr = 86,
    /// `KVM_CAP_ARM_PSCI`
    ArmPsci = 87,
    /// `KVM_CAP_ARM_SET_DEVICE_ADDR`
    ArmSetDeviceAddr = 88,
    /// `KVM_CAP_DEVICE_CTRL`
    DeviceCtrl = 89,
    /// `KVM_CAP_IRQ_MPIC`
    IrqMpic = 90,
    /// `KVM_CAP_PPC_RTAS`
    PpcRtas = 91,
    /// `KVM_CAP_IRQ_XICS`
    IrqXics = 92,
    /// `KVM_CAP_ARM_EL1_32BIT`
    ArmEl132bit = 93,
    /// `KVM_CAP_SPAPR_MULTITCE`
    SpaprMultitce = 94,
    /// `KVM_CAP_EXT_EMUL_CPUID`
    ExtEmulCpuid = 95,
    /// `KVM_CAP_HYPERV_TIME`
    HypervTime = 96,
    /// `KVM_CAP_IOAPIC_POLARITY_IGNORED`
    IoapicPolarityIgnored = 97,
    /// `KVM_CAP_ENABLE_CAP_VM`
    EnableCapVm = 98,
    /// `KVM_CAP_S390_IRQCHIP`
    S390Irqchip = 99,
    /// `KVM_CAP_IOEVENTFD_NO_LENGTH`
    IoeventfdNoLength = 100,
    /// `KVM_CAP_VM_ATTRIBUTES`
    VmAttributes = 101,
    /// `KVM_CAP_ARM_PSCI_0_2`
    ArmPsci02 = 102,
    /// `KVM_CAP_PPC_FIXUP_HCALL`
    PpcFixupHcall = 103,
    /// `KVM_CAP_PPC_ENABLE_HCALL`
    PpcEnableHcall = 104,
    /// `KVM_CAP_CHECK_EXTENSION_VM`
    CheckExtensionVm = 105,
    /// `KVM_CAP_S390_USER_SIGP`
    S390UserSigp = 106,
    /// `KVM_CAP_ARM_PMU_V3`
    ArmPmuV3 = 126,
    /// `KVM_CAP_IMMEDIATE_EXIT`
    ImmediateExit = 136,
    /// `KVM_CAP_ARM_VM_IPA_SIZE`
    ArmVmIPASize = 165,
    /// `KVM_CAP_MSI_DEVID`
    MsiDevid = 131,
    /// `KVM_CAP_HYPERV_SYNIC`
    HypervSynic = 123,
    /// `KVM_CAP_HYPERV_SYNIC2`
    HypervSynic2 = 148,
    /// `KVM_CAP_GUEST_DEBUG_HW_BPS`
    DebugHwBps = 119,
    /// `KVM_CAP_GUEST_DEBUG_HW_WPS`
    DebugHwWps = 120,
    /// `KVM_CAP_GET_MSR_FEATURES`
    GetMsrFeatures = 153,
    /// `KVM_CAP_COALESCED_PIO`
    CoalescedPio = 162,
    /// `KVM_CAP_ARM_SVE`
    ArmSve = 170,
    /// `KVM_CAP_ARM_PTRAUTH_ADDRESS`
    ArmPtrAuthAddress = 171,
    /// `KVM_CAP_ARM_PTRAUTH_GENERIC`
    ArmPtrAuthGeneric = 172,
    /// `KVM_CAP_COUNTER_OFFSET`
    CounterOffset = 227,
    /// `KVM_CAP_USER_MEMORY2`
    UserMemory2 = 231,
    /// `KVM_CAP_GUEST_MEMFD`
    GuestMemfd = 234,
    /// `KVM_CAP_MEMORY_ATTRIBUTES`
    MemoryAttributes = 233,
    /// `KVM_CAP_DIRTY_LOG_RING`
    DirtyLogRing = 192,
}
