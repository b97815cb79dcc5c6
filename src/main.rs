fn main() -> std::process::ExitCode {
    optout_bot::cli::main()
}
