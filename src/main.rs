//! The `briefing` command. Exit codes: 0 success, 1 problems in the pack (or, with
//! `build --check`, output that is out of date), 2 any other failure, 130 interrupted
//! (Ctrl-C).

use std::path::PathBuf;
use std::process::ExitCode;

use briefing::{BuildOptions, BundleOptions, Diagnostics, Failure};
use clap::{Parser, Subcommand, ValueEnum};

// jemalloc: a 10,000-section build spends about a fifth of its instructions in the
// allocator, and with glibc's it took 10–20% longer in wall time (same output, about
// 30 MB less peak memory). See the README's Performance section.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read before `main`: one arena per CPU, as rayon runs one thread
/// per CPU. The default, four per CPU, held about 15 MB more at peak for no speed.
///
/// SAFETY: jemalloc reads this symbol as a `const char *`; it points to a
/// NUL-terminated string that lives as long as the program.
#[cfg(all(target_os = "linux", not(target_env = "msvc")))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: Option<&'static std::ffi::c_char> =
    Some(unsafe { &*c"percpu_arena:percpu".as_ptr() });

/// `println!` that ignores a closed standard output (`briefing build | head -1`):
/// the summary is informational, and a reader that stopped listening is not an error.
macro_rules! say {
    ($($arg:tt)*) => {
        briefing::console::out(format_args!($($arg)*))
    };
}

/// `eprintln!` that ignores a closed standard error, for the same reason.
macro_rules! tell {
    ($($arg:tt)*) => {
        briefing::console::err(format_args!($($arg)*))
    };
}

#[derive(Parser)]
#[command(
    name = "briefing",
    version,
    about = "Build a briefing pack into a static site"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate the pack and render it into the output folder.
    Build {
        /// The pack's root folder (holding briefing.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder (default: ROOT/public).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Write nothing; exit 1 if the output is not what the content would build.
        #[arg(long)]
        check: bool,
    },
    /// Validate the pack, writing nothing.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `json`: one JSON object per problem per line, on stdout, for editors and CI.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Build the site and zip it for offline handout (reproducible: the same pack
    /// gives the same bytes; entry times come from SOURCE_DATE_EPOCH, else 1980-01-01).
    Bundle {
        /// The pack's root folder (holding briefing.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The zip file to write (default: ROOT/<pack title as a slug>.zip).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Build, serve on 127.0.0.1, and rebuild and reload open pages on every change.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on; the next free one is used if it is taken (0: any).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Create a new pack (settings and sample content) in DIR, which must be empty or absent.
    Init { dir: PathBuf },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            check,
        } => {
            let output = output.unwrap_or_else(|| root.join(briefing::OUTPUT_DIR));
            build(BuildOptions {
                root,
                output,
                check_only: check,
            })
        }
        Command::Check { root, format } => check(root, format),
        Command::Serve { root, port, open } => {
            run_other(briefing::serve(&briefing::ServeOptions {
                root,
                port,
                open,
            }))
        }
        Command::Init { dir } => init(&dir),
        Command::Bundle { root, output } => bundle(BundleOptions {
            root,
            output,
            source_date_epoch: std::env::var("SOURCE_DATE_EPOCH").ok(),
        }),
    }
}

fn build(options: BuildOptions) -> ExitCode {
    // Ctrl-C while the site is being written lets the writer remove its staging folder
    // first; at any other moment there is nothing to clean up.
    let _ = ctrlc::set_handler(|| {
        if !briefing::interrupt() {
            std::process::exit(130);
        }
    });
    match briefing::build(&options) {
        Ok(report) => {
            print_diagnostics(&report.built.warnings);
            let b = &report.built;
            if options.check_only {
                if report.changes.is_empty() {
                    say!("output is up to date ({} files)", report.files);
                    return ExitCode::SUCCESS;
                }
                say!("output is out of date: {}", report.changes.describe(50));
                return ExitCode::from(1);
            }
            say!(
                "built {} pages ({} sections, {} terms, {} events) in {:.0} ms",
                b.pages,
                b.sections,
                b.terms,
                b.events,
                report.seconds * 1000.0
            );
            if !report.changes.is_empty() {
                say!("{}", report.changes.describe(20));
            }
            ExitCode::SUCCESS
        }
        Err(failure) => report_failure(failure),
    }
}

fn check(root: PathBuf, format: Format) -> ExitCode {
    if format == Format::Json {
        return check_json(&root);
    }
    match briefing::check(&root) {
        Ok(built) => {
            print_diagnostics(&built.warnings);
            let found = match built.warnings.warning_count() {
                0 => "no problems found".to_string(),
                n => format!("no errors; {n} warning(s)"),
            };
            say!(
                "{found} ({} sections, {} terms, {} events)",
                built.sections,
                built.terms,
                built.events
            );
            ExitCode::SUCCESS
        }
        // `check` writes nothing, so it has no output to speak of.
        Err(Failure::Content(diags)) => {
            print_diagnostics(&diags);
            eprintln!(
                "check found {} error(s), {} warning(s)",
                diags.error_count(),
                diags.warning_count()
            );
            ExitCode::from(1)
        }
        Err(failure) => report_failure(failure),
    }
}

/// One line of `check --format json`, keys in reading order.
#[derive(serde::Serialize)]
struct JsonProblem<'a> {
    file: String,
    line: usize,
    column: usize,
    severity: briefing::Severity,
    message: &'a str,
    hint: Option<&'a str>,
}

/// `check --format json`: every problem, warnings included, as one JSON line each.
fn check_json(root: &std::path::Path) -> ExitCode {
    let (diags, code) = match briefing::check(root) {
        Ok(built) => (built.warnings, ExitCode::SUCCESS),
        Err(Failure::Content(diags)) => (diags, ExitCode::from(1)),
        Err(Failure::Other(e)) => return run_other(Err(e)),
    };
    for d in diags.sorted() {
        let problem = JsonProblem {
            // Forward slashes, as in the text output, whatever the platform.
            file: d.file.to_string_lossy().replace('\\', "/"),
            line: d.line,
            column: d.column,
            severity: d.severity,
            message: &d.message,
            hint: d.hint.as_deref(),
        };
        match serde_json::to_string(&problem) {
            Ok(json) => say!("{json}"),
            Err(e) => return run_other(Err(e.into())),
        }
    }
    code
}

fn init(dir: &std::path::Path) -> ExitCode {
    match briefing::init(dir) {
        Ok(files) => {
            say!(
                "created a new pack in {} ({} files)",
                dir.display(),
                files.len()
            );
            say!("preview it with: briefing serve --root {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => run_other(Err(e)),
    }
}

/// Exit code of a command whose only failures are "other" ones (exit 2).
fn run_other(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report_failure(Failure::Other(e)),
    }
}

fn bundle(options: BundleOptions) -> ExitCode {
    match briefing::bundle(&options) {
        Ok(report) => {
            print_diagnostics(&report.built.warnings);
            say!(
                "bundled {} files into {} ({} KB; unzips to {}/)",
                report.built.files.len(),
                report.path.display(),
                report.bytes.div_ceil(1024),
                report.folder
            );
            ExitCode::SUCCESS
        }
        Err(failure) => report_failure(failure),
    }
}

fn report_failure(failure: Failure) -> ExitCode {
    match failure {
        Failure::Content(diags) => {
            print_diagnostics(&diags);
            tell!(
                "build failed: {} error(s), {} warning(s); the previous output was left as it was",
                diags.error_count(),
                diags.warning_count()
            );
            ExitCode::from(1)
        }
        Failure::Other(e) if e.is::<briefing::Interrupted>() => {
            tell!("build {e}");
            ExitCode::from(130)
        }
        Failure::Other(e) => {
            // The message quotes paths, which may hold any character.
            tell!("error: {}", briefing::printable(&format!("{e:#}")));
            ExitCode::from(2)
        }
    }
}

fn print_diagnostics(diags: &Diagnostics) {
    briefing::console::err_text(&diags.numbered());
}
