//! The folders Python installs packages into, where devocast looks for Piper voices installed
//! with pip and for the ONNX Runtime library of the `onnxruntime` package.

use std::path::PathBuf;
use std::sync::OnceLock;

/// Folders Python installs packages into: the active virtual environment, the `python3` on
/// PATH (asked once per process), the user's and the system's; each once, in that order.
pub(crate) fn package_dirs() -> &'static [PathBuf] {
    static DIRS: OnceLock<Vec<PathBuf>> = OnceLock::new();
    DIRS.get_or_init(|| package_dirs_under(roots()))
}

/// Where Python keeps its libraries: each is a package folder itself, or holds one.
fn roots() -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = Vec::new();
    if let Some(v) = std::env::var_os("VIRTUAL_ENV") {
        roots.push(PathBuf::from(v).join("lib"));
    }
    // The Python on PATH knows where its packages are.
    if let Ok(out) = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys; print('\\n'.join(p for p in sys.path if p))",
        ])
        .stderr(std::process::Stdio::null())
        .output()
    {
        roots.extend(
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(PathBuf::from),
        );
    }
    if let Some(home) = std::env::var_os("HOME") {
        roots.push(PathBuf::from(home).join(".local/lib"));
    }
    roots.extend(["/usr/lib/python3/dist-packages", "/usr/local/lib"].map(PathBuf::from));
    roots
}

/// The package folders among `roots`: each root, its `site-packages`, and the
/// `site-packages` and `dist-packages` of each folder in it (`lib/python3.12/site-packages`);
/// those that exist, each once, in that order.
fn package_dirs_under(roots: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    for root in roots {
        let children = std::fs::read_dir(&root)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path());
        for d in [root.clone(), root.join("site-packages")]
            .into_iter()
            .chain(children.flat_map(|c| [c.join("site-packages"), c.join("dist-packages")]))
        {
            if d.is_dir() && !dirs.contains(&d) {
                dirs.push(d);
            }
        }
    }
    dirs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_folders_are_found_under_each_root_once() {
        let tmp = tempfile::tempdir().unwrap();
        let venv = tmp.path().join("venv/lib");
        let system = tmp.path().join("usr/lib");
        for d in [
            venv.join("python3.12/site-packages"),
            system.join("python3/dist-packages"),
            system.join("python3.11/site-packages"),
            system.join("site-packages"),
        ] {
            std::fs::create_dir_all(d).unwrap();
        }
        let found = package_dirs_under(vec![
            venv.clone(),
            system.clone(),
            tmp.path().join("missing"),
            // Named twice (the venv and `sys.path` agree): listed once.
            venv.join("python3.12/site-packages"),
        ]);
        assert_eq!(found[0], venv);
        assert_eq!(found[1], venv.join("python3.12/site-packages"));
        assert_eq!(found[2], system);
        assert_eq!(found[3], system.join("site-packages"));
        let mut rest = found[4..].to_vec();
        rest.sort();
        assert_eq!(
            rest,
            [
                system.join("python3/dist-packages"),
                system.join("python3.11/site-packages"),
            ]
        );
    }
}
