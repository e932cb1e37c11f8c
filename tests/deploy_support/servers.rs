//! Local servers for the deploy tests: moto's S3 server, OpenSSH's sshd with a throw-away
//! key, and a TCP relay that drops its connections after a number of bytes.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A child process killed when the guard goes.
pub struct Server {
    child: Child,
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A free port on 127.0.0.1.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for(port: u16, child: &mut Child, what: &str) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} stopped at start: {status}");
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{what} did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Whether `program` runs here (on PATH or at its path).
fn available(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether the tests for `kind` run: the server is here, or the variable `require` makes its
/// absence a failure; otherwise they are skipped with a message.
fn present(program: &str, require: &str, kind: &str) -> bool {
    if available(program) {
        return true;
    }
    assert!(
        std::env::var(require).is_err(),
        "{require} is set but `{program}` is not installed"
    );
    eprintln!("skipped: `{program}` is not installed, so the {kind} deploy tests do not run (set {require}=1 to make this a failure)");
    false
}

/// A moto S3 server on a free port, if `moto_server` is installed.
pub fn moto() -> Option<Server> {
    if !present("moto_server", "DEVOCAST_REQUIRE_S3", "S3") {
        return None;
    }
    let port = free_port();
    let mut child = Command::new("moto_server")
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for(port, &mut child, "moto_server");
    Some(Server { child, port })
}

/// An sshd on 127.0.0.1 for the current user, logging in only with the key it makes in
/// `dir`, if OpenSSH's server is installed. Returns the server, the user and the host key's
/// public line.
pub struct Sshd {
    pub server: Server,
    pub user: String,
    /// The host's public key, as `known_hosts` records it after the host name.
    pub host_key: String,
    /// A home with `.ssh/id_ed25519`, the key the server accepts.
    pub home: PathBuf,
}

pub fn sshd(dir: &Path) -> Option<Sshd> {
    if !present("/usr/sbin/sshd", "DEVOCAST_REQUIRE_SFTP", "SFTP")
        || !present("ssh-keygen", "DEVOCAST_REQUIRE_SFTP", "SFTP")
    {
        return None;
    }
    let home = dir.join("home");
    std::fs::create_dir_all(home.join(".ssh")).unwrap();
    let keygen = |path: &Path| {
        assert!(Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-C", "devocast-test", "-f"])
            .arg(path)
            .status()
            .unwrap()
            .success());
    };
    keygen(&dir.join("host_key"));
    keygen(&home.join(".ssh/id_ed25519"));
    std::fs::copy(
        home.join(".ssh/id_ed25519.pub"),
        dir.join("authorized_keys"),
    )
    .unwrap();
    let user = String::from_utf8(Command::new("id").arg("-un").output().unwrap().stdout)
        .unwrap()
        .trim()
        .to_string();
    let port = free_port();
    let config = dir.join("sshd_config");
    std::fs::write(
        &config,
        format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nAuthorizedKeysFile {}\nPidFile {}\n\
             PasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\n\
             PermitRootLogin prohibit-password\nUsePAM no\nStrictModes no\nAllowUsers {user}\n\
             Subsystem sftp internal-sftp\n",
            dir.join("host_key").display(),
            dir.join("authorized_keys").display(),
            dir.join("sshd.pid").display(),
        ),
    )
    .unwrap();
    // Privilege separation wants its empty folder when sshd runs as root.
    let _ = std::fs::create_dir_all("/run/sshd");
    let mut child = Command::new("/usr/sbin/sshd")
        .args(["-D", "-e", "-f"])
        .arg(&config)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for(port, &mut child, "sshd");
    let host_key = std::fs::read_to_string(dir.join("host_key.pub")).unwrap();
    let host_key = host_key
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    Some(Sshd {
        server: Server { child, port },
        user,
        host_key,
        home,
    })
}

/// A TCP relay on a free port to `port`, which drops every connection once `budget` bytes
/// have gone from clients to the server, and refuses to relay any more after that.
pub struct Relay {
    pub port: u16,
    cut: Arc<AtomicBool>,
}

impl Relay {
    /// Whether the relay has cut the connection.
    pub fn cut(&self) -> bool {
        self.cut.load(Ordering::SeqCst)
    }
}

pub fn relay(port: u16, budget: usize) -> Relay {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let own = listener.local_addr().unwrap().port();
    let cut = Arc::new(AtomicBool::new(false));
    let sent = Arc::new(AtomicUsize::new(0));
    let flag = cut.clone();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            if flag.load(Ordering::SeqCst) {
                let _ = client.shutdown(Shutdown::Both);
                continue;
            }
            let Ok(server) = TcpStream::connect(("127.0.0.1", port)) else {
                continue;
            };
            let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            let (flag_up, sent_up) = (flag.clone(), sent.clone());
            std::thread::spawn(move || pump(client, server, Some((sent_up, budget, flag_up))));
            std::thread::spawn(move || pump(s2, c2, None));
        }
    });
    Relay { port: own, cut }
}

fn pump(
    mut from: TcpStream,
    mut to: TcpStream,
    limit: Option<(Arc<AtomicUsize>, usize, Arc<AtomicBool>)>,
) {
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if let Some((sent, budget, cut)) = &limit {
            if cut.load(Ordering::SeqCst) || sent.fetch_add(n, Ordering::SeqCst) + n > *budget {
                cut.store(true, Ordering::SeqCst);
                break;
            }
        }
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = from.shutdown(Shutdown::Both);
    let _ = to.shutdown(Shutdown::Both);
}
