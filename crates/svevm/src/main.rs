//! svevm: the command line over the svevm library (see lib.rs).

use std::process::ExitCode;

use clap::Parser;

use svevm::cli::{Cli, Command};
use svevm::{backend, hosts, vmm, EXIT_BAD_INPUT};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Vls(args) => {
            let host = match backend::host_choice(&args) {
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
        Command::Hosts(args) if args.probe => match backend::probe_host() {
            Ok(p) => {
                hosts::print_probe(&p);
                ExitCode::SUCCESS
            }
            Err(e) => fail(EXIT_BAD_INPUT, &e),
        },
        Command::Hosts(_) => {
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
