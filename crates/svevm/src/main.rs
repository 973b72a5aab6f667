//! svevm: a VMM for bare-metal arm64 SVE guests on softkvm.

mod cli;
mod hosts;
mod loader;
mod machine;
mod vmm;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

/// Exit statuses (documented in `svevm run --help`).
pub const EXIT_BAD_INPUT: u8 = 1;
pub const EXIT_GUEST_FAILURE: u8 = 3;
pub const EXIT_RUNAWAY: u8 = 4;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Vls(args) => {
            let host = match hosts::host_choice(&args) {
                Ok(h) => h,
                Err(e) => return fail(EXIT_BAD_INPUT, &e),
            };
            match hosts::resolve(&args, host.as_ref()) {
                Ok(r) => {
                    println!("{}", r.set);
                    ExitCode::SUCCESS
                }
                Err(e) => fail(EXIT_BAD_INPUT, &e),
            }
        }
        Command::Hosts => {
            hosts::print_presets();
            ExitCode::SUCCESS
        }
        Command::Run(args) => match vmm::run(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(e.status, &e.message),
        },
    }
}

fn fail(status: u8, msg: &str) -> ExitCode {
    eprintln!("svevm: {msg}");
    ExitCode::from(status)
}
