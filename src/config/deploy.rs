//! `[deploy]`: where `devocast deploy` publishes `feed/`, and how to reach it. Never
//! credentials: those stay where each ecosystem keeps them (the AWS environment and profile
//! files, the SSH agent and `~/.ssh`), so this file can be committed.

use anyhow::{bail, Result};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// `[deploy]` settings.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct DeployConfig {
    /// Where `devocast deploy` publishes when no target is given: `s3://bucket/prefix`,
    /// `sftp://user@host/path` or `file:///path` (or a plain folder). Default: none.
    pub target: Option<String>,
    /// S3: the service's address, for storage other than AWS (R2, B2, Spaces, MinIO);
    /// overrides `AWS_ENDPOINT_URL`. Default: none.
    pub endpoint: Option<String>,
    /// S3: the region; overrides `AWS_REGION`. Default: none.
    pub region: Option<String>,
    /// S3: allow a plain `http://` endpoint (a local server); overrides `AWS_ALLOW_HTTP`.
    /// Default: none.
    pub allow_http: Option<bool>,
    /// SFTP: the private key file, when not the SSH agent's or `~/.ssh/id_ed25519`,
    /// `id_ecdsa` or `id_rsa`. Default: none.
    pub identity: Option<PathBuf>,
    /// SFTP: the known-hosts file the host's key is checked against. Default: none
    /// (`~/.ssh/known_hosts`).
    pub known_hosts: Option<PathBuf>,
}

impl DeployConfig {
    /// Refuses a target that carries a password or secret: it would end up in the file,
    /// the log and the output.
    pub fn validate(&self) -> Result<()> {
        if let Some(t) = &self.target {
            check_target(t)?;
        }
        if let Some(e) = &self.endpoint {
            if e.contains('@') {
                bail!("deploy.endpoint must not carry credentials: keep them in the AWS environment or profile");
            }
        }
        Ok(())
    }
}

/// Refuses a target address holding a password (`sftp://user:secret@host`,
/// `s3://key:secret@bucket`) or an unknown scheme.
pub fn check_target(target: &str) -> Result<()> {
    if let Some((scheme, rest)) = target.split_once("://") {
        if !["s3", "sftp", "file"].contains(&scheme) {
            bail!("deploy target `{scheme}://…` is not one devocast knows: use s3://, sftp:// or file://");
        }
        let authority = rest.split('/').next().unwrap_or("");
        if let Some((user, _)) = authority.rsplit_once('@') {
            if user.contains(':') || scheme == "s3" {
                bail!("the deploy target must not carry a password or key: use the SSH agent or key files, or the AWS environment");
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use std::path::Path;

    #[test]
    fn a_target_with_a_secret_is_refused_without_echoing_it() {
        for bad in [
            "[deploy]\ntarget = \"sftp://me:hunter2@host/www\"",
            "[deploy]\ntarget = \"s3://AKIA:hunter2@bucket/pod\"",
            "[deploy]\ntarget = \"ftp://host/www\"",
            "[deploy]\nsecret_access_key = \"hunter2\"",
        ] {
            let err = Config::parse(bad, Path::new("x")).expect_err(bad);
            assert!(!format!("{err:#}").contains("hunter2"), "{bad}: {err:#}");
        }
        for good in [
            "[deploy]\ntarget = \"sftp://me@host/www\"",
            "[deploy]\ntarget = \"s3://bucket/pod\"\nregion = \"auto\"",
            "[deploy]\ntarget = \"/srv/www\"",
        ] {
            Config::parse(good, Path::new("x")).expect(good);
        }
    }
}
