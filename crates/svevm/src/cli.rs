//! The command line (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const ABOUT: &str = "Boot bare-metal arm64 SVE guests on softkvm, the KVM/arm64 API in software \
    (or on the machine's KVM, built with --features realkvm on arm64).";

const LONG_ABOUT: &str = "\
svevm is a small VMM built on softkvm exactly as a VMM is built on Linux KVM: it creates a VM
and vCPUs, configures each vCPU's SVE vector lengths through KVM_REG_ARM64_SVE_VLS, finalizes
them (KVM_ARM_VCPU_FINALIZE), loads an ELF and runs it on a machine compatible with QEMU's
`virt` board: RAM at 0x4000_0000, a PL011 UART at 0x0900_0000, PSCI through HVC.

    svevm run guests/bin/hello-gcc.elf
    svevm run --cpu max,sve-max-vq=4 guests/bin/sve-auto-gcc.elf
    svevm run --host a64fx --cpu host,sve256=off guests/bin/vlprobe-gcc.elf
    svevm vls --cpu max,sve1536=on          # -> 128 256 512 1024 1536
    svevm hosts

Built with --features realkvm on an arm64 host, the same VMM runs on the machine's /dev/kvm
through rust-vmm's kvm-ioctls: there the host is the machine (`svevm hosts --probe`; no --host)
and --trace and --max-insns, which need softkvm, are refused.";

/// svevm: a drop-in for `qemu-system-aarch64 -M virt -cpu max,... -nographic -kernel ELF`.
#[derive(Parser, Debug)]
#[command(name = "svevm", version, about = ABOUT, long_about = LONG_ABOUT)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Boot GUEST (an AArch64 ELF) and run it until it powers off.
    ///
    /// The guest starts at its ELF entry point in EL1h with the MMU off and X0 = 0 (as QEMU starts
    /// an ELF given with -kernel; no device tree is passed). Its UART output goes to stdout byte for
    /// byte and stdin feeds the UART's receive side. PSCI SYSTEM_OFF ends the run with status 0;
    /// SYSTEM_RESET reboots (or ends the run with --no-reboot).
    ///
    /// Exit status: 0 the guest powered off; 1 bad input (ELF, --cpu, host, options); 2 command line
    /// syntax; 3 guest failure (unhandled exception, unsupported instruction, internal error);
    /// 4 runaway guest (--timeout reached).
    #[command(after_help = "Examples:\n  svevm run guests/bin/hello-gcc.elf\n  \
        svevm run --smp 4 guests/bin/smp-clang.elf\n  \
        svevm run --cpu max,sve-max-vq=3 --stats guests/bin/vlprobe-gcc.elf\n  \
        svevm run --host-vqs 1,2,4 --cpu host,sve512=off guests/bin/sve-acle-gcc.elf")]
    Run(RunArgs),
    /// Resolve --cpu against the host and print the enabled vector lengths.
    ///
    /// Prints the lengths in bits, ascending, space-separated, on one line (an empty line when SVE
    /// is off), and exits 0; or prints why the combination is refused on stderr and exits 1.
    #[command(
        after_help = "Examples:\n  svevm vls --cpu max,sve384=on            # 128 256 384\n  \
        svevm vls --cpu max,sve1024=on,sve256=off # error: sve256 is a required power of two\n  \
        svevm vls --host a64fx                    # 128 256 512 (KVM rules: the host's set)\n  \
        svevm vls --host-vqs 1,2,3,4 --cpu host,sve384=off   # 128 256"
    )]
    Vls(CpuArgs),
    /// List the host presets accepted by --host, with their vector lengths.
    ///
    /// With --probe (real KVM only), print instead the vector lengths this machine's KVM offers
    /// a vCPU: KVM_REG_ARM64_SVE_VLS after KVM_ARM_VCPU_INIT with SVE, in the same format.
    #[command(after_help = "Examples:\n  svevm hosts\n  \
        svevm hosts --probe     # on an arm64 host, with svevm built --features realkvm")]
    Hosts(HostsArgs),
}

#[derive(Args, Debug)]
pub struct HostsArgs {
    /// Ask the machine's KVM for its SVE lengths (needs the real-KVM build on arm64).
    #[arg(long)]
    pub probe: bool,
}

/// Which CPU and which (emulated) host.
#[derive(Args, Debug, Clone)]
pub struct CpuArgs {
    /// CPU model and SVE properties, in QEMU's -cpu language.
    ///
    /// MODEL[,PROP=VALUE...] with MODEL one of max, host, a64fx and PROP one of sve, sve-max-vq,
    /// sve128 ... sve2048 (multiples of 128 bits); values on/off (also yes/no, true/false, y/n).
    /// Without --host QEMU's TCG rules apply (max: every length 128..2048; a64fx: 128, 256, 512;
    /// unrequested powers of two below the largest enabled length are filled in). With --host or
    /// --host-vqs QEMU's KVM rules apply: the CPU offers exactly the host's lengths up to the
    /// chosen maximum (`host` and `max` are the same; no sve-max-vq).
    #[arg(long, value_name = "MODEL[,PROP=VALUE...]", default_value = "max")]
    pub cpu: String,

    /// Emulate this host (see `svevm hosts`): KVM rules, the host's vector lengths.
    #[arg(long, value_name = "PRESET", conflicts_with = "host_vqs")]
    pub host: Option<String>,

    /// Emulate a host with these vector lengths: bits (128,256,512) or VQs (1,2,4), or `none` for
    /// a host without SVE.
    #[arg(long, value_name = "LIST")]
    pub host_vqs: Option<String>,
}

#[derive(Args, Debug)]
pub struct RunArgs {
    #[command(flatten)]
    pub cpu: CpuArgs,

    /// RAM size at 0x4000_0000: a number of MiB or a size with K, M or G (as QEMU's -m).
    #[arg(long, short = 'm', value_name = "SIZE", default_value = "128M")]
    pub mem: String,

    /// Number of vCPUs (1..8), each on its own thread. Secondaries start powered off and are
    /// started by the guest with PSCI CPU_ON.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub smp: u32,

    /// Print statistics on stderr at the end: wall time, instructions retired per vCPU, MIPS,
    /// exits by kind, UART bytes.
    #[arg(long)]
    pub stats: bool,

    /// Write an instruction trace to FILE: one line per instruction with the vCPU, PC,
    /// instruction word and disassembly. Slows the guest down.
    #[arg(long, value_name = "FILE")]
    pub trace: Option<PathBuf>,

    /// With --trace, also list the general registers, SP and flags each instruction changed.
    #[arg(long, requires = "trace")]
    pub trace_regs: bool,

    /// Stop the guest (exit status 4) once any vCPU has retired N instructions.
    #[arg(long, value_name = "N")]
    pub max_insns: Option<u64>,

    /// Stop the guest (exit status 4) after SECS seconds of wall time.
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<f64>,

    /// Make PSCI SYSTEM_RESET end the run (status 0) instead of rebooting.
    #[arg(long)]
    pub no_reboot: bool,

    /// The guest: an AArch64 little-endian ELF64 executable linked into RAM.
    #[arg(value_name = "GUEST")]
    pub guest: PathBuf,
}

/// Parses a QEMU-style memory size: plain numbers are MiB; suffixes K, M, G, T (binary), B.
pub fn parse_mem_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (num, mult): (&str, u64) = match t.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let m = match c.to_ascii_uppercase() {
                'B' => 1,
                'K' => 1 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                'T' => 1 << 40,
                _ => return Err(format!("bad memory size '{s}': use a suffix K, M or G")),
            };
            (&t[..i], m)
        }
        _ => (t, 1 << 20),
    };
    let n: u64 = num
        .parse()
        .map_err(|_| format!("bad memory size '{s}': expected a number such as 128M or 1G"))?;
    n.checked_mul(mult)
        .ok_or_else(|| format!("bad memory size '{s}': too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mem_sizes() {
        assert_eq!(parse_mem_size("128M"), Ok(128 << 20));
        assert_eq!(parse_mem_size("128"), Ok(128 << 20));
        assert_eq!(parse_mem_size("1G"), Ok(1 << 30));
        assert_eq!(parse_mem_size("512k"), Ok(512 << 10));
        assert!(parse_mem_size("12X").is_err());
        assert!(parse_mem_size("M").is_err());
        assert!(parse_mem_size("99999999999999G").is_err());
    }

    #[test]
    fn clap_definition_is_valid() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
