//! `storydiff completions SHELL` and `storydiff manpages DIR`: the shell
//! completions and the man pages, made from the same definition of the
//! arguments that parses them (clap_complete, clap_mangen), so they never
//! drift from what the command accepts. The packages install both.

use std::path::PathBuf;

use clap::CommandFactory;

use crate::Cli;

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum Shell {
    Bash,
    Zsh,
    Fish,
}

#[derive(clap::Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

#[derive(clap::Args)]
pub(crate) struct ManpagesArgs {
    /// The folder to write storydiff.1 and one page a subcommand into.
    dir: PathBuf,
}

/// Prints the completion script for a shell.
pub(crate) fn completions(args: CompletionsArgs) -> Result<(), String> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    match args.shell {
        Shell::Bash => clap_complete::generate(
            clap_complete::Shell::Bash,
            &mut command,
            "storydiff",
            &mut out,
        ),
        Shell::Zsh => clap_complete::generate(
            clap_complete::Shell::Zsh,
            &mut command,
            "storydiff",
            &mut out,
        ),
        Shell::Fish => clap_complete::generate(
            clap_complete::Shell::Fish,
            &mut command,
            "storydiff",
            &mut out,
        ),
    }
    crate::write_out(&String::from_utf8_lossy(&out))
}

/// Writes `storydiff.1` and `storydiff-SUBCOMMAND.1` for each subcommand
/// (and `storydiff-watch-SUBCOMMAND.1` for watch's), leaving out the
/// hidden ones.
pub(crate) fn manpages(args: ManpagesArgs) -> Result<(), String> {
    std::fs::create_dir_all(&args.dir).map_err(|e| format!("{}: {e}", args.dir.display()))?;
    let command = Cli::command();
    write_page(&args.dir, "storydiff", command.clone())?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        // A page names its command as it is typed ("storydiff-watch-add");
        // the names live as long as this one-shot command.
        let name: &'static str =
            Box::leak(format!("storydiff-{}", sub.get_name()).into_boxed_str());
        write_page(&args.dir, name, sub.clone().name(name))?;
        for inner in sub.get_subcommands().filter(|s| !s.is_hide_set()) {
            let inner_name: &'static str =
                Box::leak(format!("{name}-{}", inner.get_name()).into_boxed_str());
            write_page(&args.dir, inner_name, inner.clone().name(inner_name))?;
        }
    }
    Ok(())
}

fn write_page(dir: &std::path::Path, name: &str, command: clap::Command) -> Result<(), String> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(|e| format!("could not write the man page {name}: {e}"))?;
    let path = dir.join(format!("{name}.1"));
    std::fs::write(&path, page).map_err(|e| format!("{}: {e}", path.display()))
}
