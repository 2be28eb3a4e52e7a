//! `cargo xtask build-cost`: what depending on the SDK costs a user's build.
//!
//! Builds a tiny one-call application against the SDK in a fresh target directory and prints
//! wall time, CPU time (user + system) and peak memory of the whole `cargo build`, for several
//! dependency sets side by side in one run, so the figures compare on the same machine load.
//!
//! - `bitbucket (default features)`: the facade as most users add it;
//! - `bitbucket (one Cloud group + dc)`: `--no-default-features` with `rustls`, `dc` and the
//!   Cloud feature of one group of operations (`cloud-repositories`), when the facade has it;
//! - `bitbucket (dc only)`: `--no-default-features` with `rustls` and `dc`;
//! - `octocrab 0.54 (default features)`, with `--octocrab`: the same kind of app on the GitHub
//!   client Rust users compare with (needs the crates.io registry).
//!
//! Downloads happen before timing (`cargo fetch`); `--release` measures release builds.
//! Incremental compilation is off for every build (`CARGO_INCREMENTAL=0`), as it is for crates
//! from a registry, although the SDK apps depend on the SDK by path.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

/// One application to build.
struct App {
    label: &'static str,
    dependencies: String,
    main: &'static str,
}

const BITBUCKET_MAIN: &str = r#"use bitbucket::cloud::prelude::*;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), bitbucket::Error> {
    let cloud = bitbucket::cloud::Client::builder()
        .credentials(bitbucket::Credentials::bearer("token"))
        .build()?;
    let repo = cloud.get_repository().workspace("ws").repo_slug("repo");
    drop(repo);
    let dc = bitbucket::dc::Client::builder("https://bitbucket.example.com")
        .credentials(bitbucket::Credentials::bearer("token"))
        .build()?;
    drop(dc);
    Ok(())
}
"#;

const DC_MAIN: &str = r#"#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), bitbucket::Error> {
    let dc = bitbucket::dc::Client::builder("https://bitbucket.example.com")
        .credentials(bitbucket::Credentials::bearer("token"))
        .build()?;
    let users = dc.admin().users().list().page_size(10);
    drop(users);
    Ok(())
}
"#;

/// The Cloud feature of the group of operations the one-group app enables.
const CLOUD_GROUP: &str = "cloud-repositories";

const OCTOCRAB_MAIN: &str = r#"#[tokio::main(flavor = "current_thread")]
async fn main() -> octocrab::Result<()> {
    let octo = octocrab::Octocrab::builder().personal_token("token".to_owned()).build()?;
    let repo = octo.repos("owner", "repo");
    drop(repo);
    Ok(())
}
"#;

fn apps(root: &Path, octocrab: bool) -> Vec<App> {
    let facade = root.join("crates/bitbucket");
    let facade = facade.display();
    let tokio = r#"tokio = { version = "1", features = ["macros", "rt"] }"#;
    let mut apps = vec![App {
        label: "bitbucket (default features)",
        dependencies: format!("bitbucket = {{ path = \"{facade}\" }}\n{tokio}\n"),
        main: BITBUCKET_MAIN,
    }];
    let manifest =
        std::fs::read_to_string(root.join("crates/bitbucket/Cargo.toml")).unwrap_or_default();
    if manifest.contains(&format!("\n{CLOUD_GROUP} = ")) {
        apps.push(App {
            label: "bitbucket (one Cloud group + dc)",
            dependencies: format!(
                "bitbucket = {{ path = \"{facade}\", default-features = false, features = [\"rustls\", \"dc\", \"{CLOUD_GROUP}\"] }}\n{tokio}\n"
            ),
            main: BITBUCKET_MAIN,
        });
    } else {
        eprintln!("note: the facade has no `{CLOUD_GROUP}` feature; measuring `dc` alone instead");
    }
    apps.push(App {
        label: "bitbucket (dc only)",
        dependencies: format!(
            "bitbucket = {{ path = \"{facade}\", default-features = false, features = [\"rustls\", \"dc\"] }}\n{tokio}\n"
        ),
        main: DC_MAIN,
    });
    if octocrab {
        apps.push(App {
            label: "octocrab 0.54 (default features)",
            dependencies: format!("octocrab = \"=0.54\"\n{tokio}\n"),
            main: OCTOCRAB_MAIN,
        });
    }
    apps
}

/// What one build cost.
struct Cost {
    wall_s: f64,
    cpu_s: f64,
    peak_mb: f64,
}

/// Runs the measurement; prints a Markdown table.
pub fn cmd_build_cost(args: &[&str]) -> Result<()> {
    let root = crate::workspace_root();
    let release = args.contains(&"--release");
    let octocrab = args.contains(&"--octocrab");
    let scratch = std::env::temp_dir().join("bitbucket-build-cost");
    let _ = std::fs::remove_dir_all(&scratch);
    let mut rows = Vec::new();
    for (i, app) in apps(&root, octocrab).iter().enumerate() {
        let dir = scratch.join(format!("app{i}"));
        write_app(&root, &dir, app)?;
        run(Command::new(cargo()).arg("fetch").current_dir(&dir))?;
        let target = scratch.join(format!("target{i}"));
        eprintln!("==> building {} in {}", app.label, target.display());
        let cost = measure(&dir, &target, release)?;
        rows.push((app.label, cost));
    }
    let profile = if release { "release" } else { "debug" };
    println!("| app ({profile}, clean target dir) | wall | CPU (user + sys) | peak memory |");
    println!("|---|---:|---:|---:|");
    for (label, c) in &rows {
        println!(
            "| {label} | {:.0} s | {:.0} s | {:.0} MB |",
            c.wall_s, c.cpu_s, c.peak_mb
        );
    }
    Ok(())
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// Writes the app's manifest and `main.rs`; the SDK apps start from the workspace's lock file
/// so they build the versions the project tests.
fn write_app(root: &Path, dir: &Path, app: &App) -> Result<()> {
    std::fs::create_dir_all(dir.join("src"))?;
    let manifest = format!(
        "[package]\nname = \"build-cost-app\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n{}\n[workspace]\n",
        app.dependencies
    );
    std::fs::write(dir.join("Cargo.toml"), manifest)?;
    std::fs::write(dir.join("src/main.rs"), app.main)?;
    if app.dependencies.contains("bitbucket") {
        std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))?;
    }
    Ok(())
}

/// Builds under `/usr/bin/time -f`, which reports the whole process tree's CPU and peak RSS.
fn measure(dir: &Path, target: &PathBuf, release: bool) -> Result<Cost> {
    let report = target.with_extension("time");
    let mut cmd = Command::new("/usr/bin/time");
    cmd.arg("-o")
        .arg(&report)
        .args(["-f", "%e %U %S %M"])
        .arg(cargo())
        .args(["build", "--quiet"])
        .env("CARGO_TARGET_DIR", target)
        // Path dependencies build incrementally in debug and registry ones never do: the SDK apps
        // reach the SDK by path, octocrab comes from the registry. Off for every app, each builds
        // as it would for a user of published crates.
        .env("CARGO_INCREMENTAL", "0")
        .current_dir(dir);
    if release {
        cmd.arg("--release");
    }
    run(&mut cmd)?;
    let text = std::fs::read_to_string(&report)
        .with_context(|| format!("reading {}", report.display()))?;
    let nums: Vec<f64> = text
        .lines()
        .last()
        .unwrap_or("")
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .with_context(|| format!("parsing `{}`", text.trim()))?;
    let [wall_s, user, sys, peak_kb] = nums[..] else {
        bail!("unexpected time report `{}`", text.trim());
    };
    Ok(Cost {
        wall_s,
        cpu_s: user + sys,
        peak_mb: peak_kb / 1024.0,
    })
}

fn run(cmd: &mut Command) -> Result<()> {
    let status = cmd
        .status()
        .with_context(|| format!("could not start {cmd:?}"))?;
    if !status.success() {
        bail!("{cmd:?} failed ({status})");
    }
    Ok(())
}
