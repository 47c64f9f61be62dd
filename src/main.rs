use std::process::ExitCode;

fn main() -> ExitCode {
    smishdrill::cli::run()
}
