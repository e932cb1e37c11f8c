//! SFTP as a deploy target (`sftp://user@host[:port]/path`), through russh and
//! russh-sftp (pure Rust: nothing to install). Each file is written to a temporary name and
//! renamed into place with OpenSSH's `posix-rename`, which replaces the old file in one
//! step; the lock is a hard link, which fails if the lock is there.
//!
//! Keys come from where OpenSSH keeps them: the SSH agent, then the key file `[deploy]
//! identity` names, else `~/.ssh/id_ed25519`, `id_ecdsa`, `id_rsa`. The host's key is checked
//! against `known_hosts`; an unknown host is refused unless the user accepts it, and a
//! changed key always is. With `src/deploy/s3.rs`, one of the two places besides
//! `src/net.rs` that touch the network.

use super::{Kind, Settings, Target};
use crate::fsutil;
use anyhow::{anyhow, bail, Context, Result};
use russh::keys::{self, PrivateKeyWithHashAlg, PublicKey};
use russh_sftp::client::{RawSftpSession, SftpSession};
use russh_sftp::protocol::StatusCode;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// An SFTP target.
pub struct Sftp {
    sftp: SftpSession,
    raw: RawSftpSession,
    root: String,
    address: String,
    runtime: tokio::runtime::Runtime,
    _session: russh::client::Handle<HostCheck>,
}

/// Where an `sftp://` address points.
struct Address {
    user: String,
    host: String,
    port: u16,
    root: String,
}

fn parse(address: &str) -> Result<Address> {
    let rest = address.strip_prefix("sftp://").unwrap_or(address);
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let (user, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (u.to_string(), h),
        None => (std::env::var("USER").unwrap_or_default(), authority),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || hostport.starts_with('[') => (
            h.trim_matches(['[', ']']).to_string(),
            p.parse()
                .map_err(|_| anyhow!("deploy target `{address}`: `{p}` is not a port"))?,
        ),
        _ => (hostport.to_string(), 22),
    };
    if host.is_empty() || user.is_empty() {
        bail!("deploy target `{address}` needs a user and a host: sftp://user@host/path");
    }
    // `sftp://host/~/www` is `www` in the user's home; `sftp://host/srv/www` is `/srv/www`.
    let root = match path.strip_prefix("~/") {
        Some(home) => home.trim_end_matches('/').to_string(),
        None => format!("/{}", path.trim_end_matches('/')),
    };
    Ok(Address {
        user,
        host,
        port,
        root,
    })
}

/// The client's side of the host-key check: `known_hosts`, or the user's acceptance.
struct HostCheck {
    host: String,
    port: u16,
    known_hosts: PathBuf,
    accept_new: bool,
    refusal: Arc<Mutex<Option<String>>>,
}

impl russh::client::Handler for HostCheck {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        offered: &keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        let key: PublicKey = match offered {
            keys::PublicKeyOrCertificate::PublicKey { key, .. } => key.clone(),
            keys::PublicKeyOrCertificate::Certificate(c) => PublicKey::from(c.public_key().clone()),
        };
        let key = &key;
        let verdict = match keys::check_known_hosts_path(&self.host, self.port, key, &self.known_hosts) {
            Ok(true) => Ok(()),
            Ok(false) if self.accept_new => {
                keys::known_hosts::learn_known_hosts_path(&self.host, self.port, key, &self.known_hosts)
                    .map_err(|e| format!("could not record the host's key in `{}`: {e}", self.known_hosts.display()))
            }
            Ok(false) => Err(format!(
                "the host key of {} is not in `{}`; if you trust it (its fingerprint is {}), run the deploy once with --accept-new-host-key",
                self.host,
                self.known_hosts.display(),
                key.fingerprint(Default::default())
            )),
            Err(keys::Error::KeyChanged { line }) => Err(format!(
                "the host key of {} has CHANGED since it was recorded (`{}` line {line}): someone may be intercepting the connection; if the host's key really changed, remove that line",
                self.host,
                self.known_hosts.display()
            )),
            Err(e) => Err(format!("could not read `{}`: {e}", self.known_hosts.display())),
        };
        match verdict {
            Ok(()) => Ok(true),
            Err(why) => {
                *self.refusal.lock().unwrap_or_else(|e| e.into_inner()) = Some(why);
                Ok(false)
            }
        }
    }
}

impl Sftp {
    /// Connects, checks the host's key, logs in with the agent or a key file, and opens
    /// the SFTP subsystem.
    pub fn open(address: &str, settings: &Settings) -> Result<Sftp> {
        let a = parse(address)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("failed to start the SFTP client")?;
        let home = std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_default();
        let known_hosts = settings
            .config
            .known_hosts
            .clone()
            .unwrap_or_else(|| home.join(".ssh/known_hosts"));
        let refusal = Arc::new(Mutex::new(None));
        let check = HostCheck {
            host: a.host.clone(),
            port: a.port,
            known_hosts,
            accept_new: settings.accept_new_host_key,
            refusal: refusal.clone(),
        };
        let (session, sftp, raw) = runtime
            .block_on(connect(&a, check, settings, &home))
            .map_err(
                |e| match refusal.lock().unwrap_or_else(|p| p.into_inner()).take() {
                    Some(why) => anyhow!("deploy target `{address}`: {why}"),
                    None => e.context(format!("deploy target `{address}`")),
                },
            )?;
        Ok(Sftp {
            sftp,
            raw,
            root: a.root,
            address: address.to_string(),
            runtime,
            _session: session,
        })
    }

    fn path(&self, name: &str) -> String {
        format!("{}/{name}", self.root)
    }

    /// Renames `from` over `to` in one step (OpenSSH's `posix-rename`); plain SFTP refuses
    /// to rename over an existing file.
    async fn replace(&self, from: &str, to: &str) -> Result<()> {
        let mut data = Vec::new();
        for s in [from, to] {
            data.extend_from_slice(&(s.len() as u32).to_be_bytes());
            data.extend_from_slice(s.as_bytes());
        }
        match self.raw.extended("posix-rename@openssh.com", data).await? {
            russh_sftp::protocol::Packet::Status(s) if s.status_code == StatusCode::Ok => Ok(()),
            russh_sftp::protocol::Packet::Status(s) => {
                bail!("{}: {}", s.status_code, s.error_message)
            }
            _ => bail!("the server does not offer posix-rename@openssh.com"),
        }
    }

    /// Creates the folders above `name`.
    async fn make_parents(&self, name: &str) {
        let mut dir = self.root.clone();
        let parts: Vec<&str> = name.split('/').collect();
        for part in &parts[..parts.len() - 1] {
            dir = format!("{dir}/{part}");
            // An existing folder is the usual answer; a real problem shows at the write.
            let _ = self.sftp.create_dir(dir.clone()).await;
        }
    }

    /// Writes a temporary file beside `name`; returns its path.
    async fn write_temp(&self, name: &str, bytes: &[u8]) -> Result<String> {
        use tokio::io::AsyncWriteExt;
        self.make_parents(name).await;
        let (dir, file) = match name.rsplit_once('/') {
            Some((d, f)) => (format!("{}/{d}", self.root), f),
            None => (self.root.clone(), name),
        };
        let tmp = format!("{dir}/.{file}.tmp-{}", fsutil::unique_suffix());
        let mut f = self.sftp.create(tmp.clone()).await?;
        f.write_all(bytes).await?;
        // A server without fsync still applies the writes before the close returns.
        let _ = f.sync_all().await;
        f.shutdown().await?;
        Ok(tmp)
    }
}

/// Connects, checks the host, logs in and opens two SFTP channels (one for the plain
/// operations, one for the `posix-rename` extension request).
async fn connect(
    a: &Address,
    check: HostCheck,
    settings: &Settings,
    home: &Path,
) -> Result<(
    russh::client::Handle<HostCheck>,
    SftpSession,
    RawSftpSession,
)> {
    let config = Arc::new(russh::client::Config {
        inactivity_timeout: Some(Duration::from_secs(60)),
        keepalive_interval: Some(Duration::from_secs(15)),
        ..Default::default()
    });
    let mut session = tokio::time::timeout(
        Duration::from_secs(20),
        russh::client::connect(config, (a.host.as_str(), a.port), check),
    )
    .await
    .map_err(|_| anyhow!("no answer from {}:{} within 20 seconds", a.host, a.port))??;
    login(&mut session, a, settings, home).await?;
    let open = async || -> Result<russh::ChannelStream<russh::client::Msg>> {
        let channel = session.channel_open_session().await?;
        channel.request_subsystem(true, "sftp").await?;
        Ok(channel.into_stream())
    };
    let sftp = SftpSession::new(open().await?).await?;
    let raw = RawSftpSession::new(open().await?);
    raw.init().await?;
    Ok((session, sftp, raw))
}

/// Logs in with the agent's keys, then the key file; says which were tried when none is
/// accepted (never any key material).
async fn login(
    session: &mut russh::client::Handle<HostCheck>,
    a: &Address,
    settings: &Settings,
    home: &Path,
) -> Result<()> {
    let mut tried = Vec::new();
    if settings.config.identity.is_none() {
        if let Ok(mut agent) = keys::agent::client::AgentClient::connect_env().await {
            tried.push("the SSH agent's keys".to_string());
            for id in agent.request_identities().await.unwrap_or_default() {
                let keys::agent::AgentIdentity::PublicKey { key, .. } = id else {
                    continue;
                };
                let hash = session
                    .best_supported_rsa_hash()
                    .await
                    .ok()
                    .flatten()
                    .flatten();
                let ok = session
                    .authenticate_publickey_with(&a.user, key, hash, &mut agent)
                    .await
                    .is_ok_and(|r| r.success());
                if ok {
                    return Ok(());
                }
            }
        }
    }
    let files: Vec<PathBuf> = match &settings.config.identity {
        Some(f) => vec![f.clone()],
        None => ["id_ed25519", "id_ecdsa", "id_rsa"]
            .iter()
            .map(|n| home.join(".ssh").join(n))
            .filter(|p| p.is_file())
            .collect(),
    };
    for file in files {
        tried.push(format!("`{}`", file.display()));
        let key = keys::load_secret_key(&file, None).map_err(|e| {
            anyhow!("could not read the key `{}` ({e}); a key with a passphrase is used through the SSH agent (ssh-add)", file.display())
        })?;
        let hash = session
            .best_supported_rsa_hash()
            .await
            .ok()
            .flatten()
            .flatten();
        let r = session
            .authenticate_publickey(&a.user, PrivateKeyWithHashAlg::new(Arc::new(key), hash))
            .await?;
        if r.success() {
            return Ok(());
        }
    }
    if tried.is_empty() {
        tried.push("no key: no SSH agent, no ~/.ssh/id_ed25519, id_ecdsa or id_rsa".into());
    }
    bail!(
        "{}@{} accepted none of the keys tried ({})",
        a.user,
        a.host,
        tried.join(", ")
    )
}

/// Whether an SFTP error says the file is not there.
fn not_found(e: &russh_sftp::client::error::Error) -> bool {
    matches!(e, russh_sftp::client::error::Error::Status(s) if s.status_code == StatusCode::NoSuchFile)
}

impl Target for Sftp {
    fn address(&self) -> &str {
        &self.address
    }

    fn list(&mut self) -> Result<BTreeMap<String, u64>> {
        let mut out = BTreeMap::new();
        let mut dirs = vec![(self.root.clone(), String::new())];
        while let Some((dir, prefix)) = dirs.pop() {
            let entries = match self.runtime.block_on(self.sftp.read_dir(dir.clone())) {
                Ok(e) => e,
                Err(e) if not_found(&e) && prefix.is_empty() => return Ok(out),
                Err(e) => return Err(e).with_context(|| format!("failed to list `{dir}`")),
            };
            for e in entries {
                let name = e.file_name();
                if name == "." || name == ".." {
                    continue;
                }
                let meta = e.metadata();
                if meta.is_dir() {
                    dirs.push((format!("{dir}/{name}"), format!("{prefix}{name}/")));
                } else if let Some((pid, here)) = fsutil::temp_file_owner(&name) {
                    // A temporary file of a deploy from this machine that died.
                    if here && !fsutil::process_alive(pid) {
                        let _ = self
                            .runtime
                            .block_on(self.sftp.remove_file(format!("{dir}/{name}")));
                    }
                } else {
                    out.insert(format!("{prefix}{name}"), meta.len());
                }
            }
        }
        Ok(out)
    }

    fn put(&mut self, name: &str, bytes: &[u8], _kind: Kind) -> Result<()> {
        let to = self.path(name);
        self.runtime.block_on(async {
            let _ = self.sftp.create_dir(self.root.clone()).await;
            let tmp = self.write_temp(name, bytes).await?;
            fsutil::checkpoint();
            let r = self.replace(&tmp, &to).await;
            if r.is_err() {
                let _ = self.sftp.remove_file(tmp).await;
            }
            r.with_context(|| format!("failed to write `{to}`"))
        })
    }

    fn create_new(&mut self, name: &str, bytes: &[u8]) -> Result<bool> {
        let to = self.path(name);
        self.runtime.block_on(async {
            let _ = self.sftp.create_dir(self.root.clone()).await;
            let tmp = self.write_temp(name, bytes).await?;
            fsutil::checkpoint();
            let linked = self.sftp.hardlink(tmp.clone(), to.clone()).await;
            let _ = self.sftp.remove_file(tmp.clone()).await;
            match linked {
                Ok(true) => Ok(true),
                Ok(false) => bail!(
                    "the server does not offer hardlink@openssh.com, which the deploy lock needs"
                ),
                Err(_) if self.sftp.try_exists(to.clone()).await.unwrap_or(false) => Ok(false),
                Err(e) => Err(e).with_context(|| format!("failed to write `{to}`")),
            }
        })
    }

    fn get(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let path = self.path(name);
        match self.runtime.block_on(self.sftp.read(path.clone())) {
            Ok(b) => Ok(Some(b)),
            Err(e) if not_found(&e) => Ok(None),
            Err(e) => Err(e).with_context(|| format!("failed to read `{path}`")),
        }
    }

    fn delete(&mut self, name: &str) -> Result<()> {
        fsutil::checkpoint();
        let path = self.path(name);
        match self.runtime.block_on(self.sftp.remove_file(path.clone())) {
            Ok(()) => Ok(()),
            Err(e) if not_found(&e) => Ok(()),
            Err(e) => Err(e).with_context(|| format!("failed to remove `{path}`")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_name_user_host_port_and_folder() {
        let a = parse("sftp://church@example.org:2222/srv/www/pod/").unwrap();
        assert_eq!(
            (a.user.as_str(), a.host.as_str(), a.port),
            ("church", "example.org", 2222)
        );
        assert_eq!(a.root, "/srv/www/pod");
        let a = parse("sftp://me@host/~/public_html").unwrap();
        assert_eq!((a.port, a.root.as_str()), (22, "public_html"));
        assert!(parse("sftp://me@host:port/x").is_err());
    }
}
