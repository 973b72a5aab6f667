//! The VMM proper: VM, vCPUs, vector lengths, finalize, run loop.

use crate::cli::{parse_mem_size, RunArgs};
use crate::machine::{MAX_CPUS, MAX_RAM_SIZE, RAM_BASE};
use crate::{hosts, loader, EXIT_BAD_INPUT};

/// A run that did not end with the guest powering off.
#[derive(Debug)]
pub struct RunError {
    pub status: u8,
    pub message: String,
}

fn bad_input(message: String) -> RunError {
    RunError {
        status: EXIT_BAD_INPUT,
        message,
    }
}

pub fn run(args: &RunArgs) -> Result<(), RunError> {
    let mem = parse_mem_size(&args.mem).map_err(bad_input)?;
    if mem < (1 << 20) || mem > MAX_RAM_SIZE || mem % 4096 != 0 {
        return Err(bad_input(format!(
            "--mem {}: RAM must be a multiple of 4 KiB between 1M and {}G",
            args.mem,
            MAX_RAM_SIZE >> 30
        )));
    }
    if args.smp == 0 || args.smp > MAX_CPUS {
        return Err(bad_input(format!(
            "--smp {}: the virt machine takes 1 to {} vCPUs",
            args.smp, MAX_CPUS
        )));
    }
    let host = hosts::host_choice(&args.cpu).map_err(bad_input)?;
    let _resolved = hosts::resolve(&args.cpu, host.as_ref()).map_err(bad_input)?;
    let _image = loader::load_file(&args.guest, RAM_BASE, mem).map_err(|e| bad_input(e.0))?;
    Err(RunError {
        status: crate::EXIT_GUEST_FAILURE,
        message: "running guests needs softkvm, which is not merged yet".into(),
    })
}
