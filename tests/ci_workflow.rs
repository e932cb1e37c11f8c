//! `devocast init --ci github`: the workflow that builds and deploys at the release time is
//! written, is a valid GitHub workflow (checked offline against GitHub's workflow schema by
//! PyPI's check-jsonschema when installed; `DEVOCAST_REQUIRE_JSONSCHEMA=1` makes it required),
//! and never overwrites a workflow the producer changed.

use std::path::Path;
use std::process::Command;

fn devocast(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_devocast"))
        .args(args)
        .arg(dir)
        .output()
        .unwrap()
}

fn jsonschema() -> Option<String> {
    let exe = std::env::var("DEVOCAST_CHECK_JSONSCHEMA").unwrap_or("check-jsonschema".into());
    let found = Command::new(&exe).arg("--version").output().is_ok();
    if !found && std::env::var_os("DEVOCAST_REQUIRE_JSONSCHEMA").is_some() {
        panic!("DEVOCAST_REQUIRE_JSONSCHEMA is set but {exe} does not run");
    }
    found.then_some(exe)
}

#[test]
fn init_writes_a_valid_daily_workflow_and_keeps_the_producers_own() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("pod");
    let out = devocast(&["init", "--ci", "github"], &project);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let workflow = project.join(".github/workflows/devocast.yml");
    let text = std::fs::read_to_string(&workflow).unwrap();
    assert!(text.contains("- cron: \"0 11 * * *\""), "{text}");
    assert!(text.contains("devocast build") && text.contains("devocast deploy"));

    // In an existing project only the workflow is written: with a time zone, one line per
    // UTC offset of the release time.
    std::fs::remove_file(&workflow).unwrap();
    let config = project.join("devocast.toml");
    let toml = std::fs::read_to_string(&config).unwrap().replacen(
        "[podcast]",
        "[podcast]\ntimezone = \"America/New_York\"\npublish_time = \"05:45\"",
        1,
    );
    std::fs::write(&config, toml).unwrap();
    let out = devocast(&["init", "--ci", "github"], &project);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&workflow).unwrap();
    assert!(text.contains("- cron: \"45 10 * * *\"") && text.contains("- cron: \"45 9 * * *\""));

    if let Some(exe) = jsonschema() {
        let check = Command::new(exe)
            .args(["--builtin-schema", "vendor.github-workflows"])
            .arg(&workflow)
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "{}{}",
            String::from_utf8_lossy(&check.stdout),
            String::from_utf8_lossy(&check.stderr)
        );
    }

    // The same again changes nothing; a workflow the producer edited is never overwritten.
    assert!(devocast(&["init", "--ci", "github"], &project)
        .status
        .success());
    std::fs::write(&workflow, format!("{text}# mine\n")).unwrap();
    let out = devocast(&["init", "--ci", "github"], &project);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert!(std::fs::read_to_string(&workflow)
        .unwrap()
        .ends_with("# mine\n"));
}
