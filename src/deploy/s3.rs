//! S3-compatible object storage as a deploy target (`s3://bucket/prefix`: AWS S3,
//! Cloudflare R2, Backblaze B2, DigitalOcean Spaces, MinIO), through Apache Arrow's
//! `object_store`. Every object is written by one PUT, which storage applies whole or not at
//! all; the lock is a PUT that succeeds only if no object is there.
//!
//! Settings come from the standard AWS environment (`AWS_ENDPOINT_URL`, `AWS_REGION`,
//! `AWS_ALLOW_HTTP`), which `[deploy]` keys override; credentials only from the AWS
//! environment variables or the shared credentials file (`~/.aws/credentials`, the profile
//! `AWS_PROFILE` names), never from the project. With `src/deploy/sftp.rs`, one of the two
//! places besides `src/net.rs` that touch the network.

use super::{files, Kind, Target};
use crate::config::DeployConfig;
use anyhow::{bail, Context, Result};
use futures::TryStreamExt;
use object_store::aws::{AmazonS3, AmazonS3Builder, AmazonS3ConfigKey};
use object_store::path::Path as ObjectPath;
use object_store::{
    Attribute, Attributes, ClientConfigKey, ObjectStore, ObjectStoreExt, PutMode, PutOptions,
    PutPayload, RetryConfig,
};
use std::collections::BTreeMap;
use std::time::Duration;

/// An S3-compatible bucket, under a prefix.
pub struct S3 {
    store: AmazonS3,
    prefix: String,
    address: String,
    runtime: tokio::runtime::Runtime,
}

impl S3 {
    /// Connects to `s3://bucket/prefix` (nothing is sent until the first request).
    pub fn open(address: &str, config: &DeployConfig) -> Result<S3> {
        let rest = address.strip_prefix("s3://").unwrap_or(address);
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            bail!("deploy target `{address}` names no bucket: use s3://bucket/prefix");
        }
        // reqwest is built without a default TLS provider; ring is the one devocast carries.
        // Installing it twice in one process is refused harmlessly.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let store = builder(bucket, config)
            .build()
            .with_context(|| format!("deploy target `{address}`"))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("failed to start the S3 client")?;
        Ok(S3 {
            store,
            prefix: prefix.trim_matches('/').to_string(),
            address: address.to_string(),
            runtime,
        })
    }

    fn path(&self, name: &str) -> ObjectPath {
        if self.prefix.is_empty() {
            ObjectPath::from(name)
        } else {
            ObjectPath::from(format!("{}/{name}", self.prefix))
        }
    }

    fn put_with(&self, name: &str, bytes: &[u8], mode: PutMode, kind: Kind) -> Result<bool> {
        let mut attributes = Attributes::new();
        attributes.insert(Attribute::ContentType, files::content_type(name).into());
        attributes.insert(Attribute::CacheControl, kind.cache_control(name).into());
        let options = PutOptions {
            mode,
            attributes,
            ..PutOptions::default()
        };
        crate::fsutil::checkpoint();
        let payload = PutPayload::from(bytes.to_vec());
        let path = self.path(name);
        match self
            .runtime
            .block_on(self.store.put_opts(&path, payload, options))
        {
            Ok(_) => Ok(true),
            Err(object_store::Error::AlreadyExists { .. })
            | Err(object_store::Error::Precondition { .. }) => Ok(false),
            Err(e) => Err(e).with_context(|| format!("`{}` on `{}`", name, self.address)),
        }
    }
}

/// The client: the AWS environment first, then `[deploy]`, then credentials from the shared
/// file when the environment holds none. Retries are few and short, so a dead endpoint
/// fails within seconds.
fn builder(bucket: &str, config: &DeployConfig) -> AmazonS3Builder {
    let mut b = AmazonS3Builder::from_env()
        .with_bucket_name(bucket)
        .with_retry(RetryConfig {
            max_retries: 2,
            retry_timeout: Duration::from_secs(20),
            ..RetryConfig::default()
        })
        // Set key by key: replacing the client options would drop `AWS_ALLOW_HTTP`.
        .with_config(
            AmazonS3ConfigKey::Client(ClientConfigKey::ConnectTimeout),
            "10s",
        )
        .with_config(AmazonS3ConfigKey::Client(ClientConfigKey::Timeout), "300s");
    if let Some(e) = &config.endpoint {
        b = b.with_endpoint(e);
    }
    if let Some(r) = &config.region {
        b = b.with_region(r);
    }
    if let Some(h) = config.allow_http {
        b = b.with_allow_http(h);
    }
    if std::env::var_os("AWS_ACCESS_KEY_ID").is_none() {
        if let Some(c) = shared_credentials() {
            b = b.with_access_key_id(c.key).with_secret_access_key(c.secret);
            if let Some(t) = c.token {
                b = b.with_token(t);
            }
        }
    }
    b
}

/// Keys read from the shared credentials file.
struct Credentials {
    key: String,
    secret: String,
    token: Option<String>,
}

/// The profile `AWS_PROFILE` names (else `default`) in `AWS_SHARED_CREDENTIALS_FILE` (else
/// `~/.aws/credentials`), as the AWS tools read it.
fn shared_credentials() -> Option<Credentials> {
    let file = std::env::var_os("AWS_SHARED_CREDENTIALS_FILE")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".aws/credentials"))
        })?;
    let text = std::fs::read_to_string(file).ok()?;
    let profile = std::env::var("AWS_PROFILE").unwrap_or_else(|_| "default".into());
    let mut section = String::new();
    let mut found: BTreeMap<String, String> = BTreeMap::new();
    for line in text.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.trim().to_string();
        } else if section == profile {
            if let Some((k, v)) = line.split_once('=') {
                found.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
            }
        }
    }
    Some(Credentials {
        key: found.remove("aws_access_key_id")?,
        secret: found.remove("aws_secret_access_key")?,
        token: found.remove("aws_session_token"),
    })
}

impl Target for S3 {
    fn address(&self) -> &str {
        &self.address
    }

    fn list(&mut self) -> Result<BTreeMap<String, u64>> {
        let prefix = (!self.prefix.is_empty()).then(|| ObjectPath::from(self.prefix.as_str()));
        let metas: Vec<object_store::ObjectMeta> = self
            .runtime
            .block_on(self.store.list(prefix.as_ref()).try_collect())
            .with_context(|| format!("failed to list `{}`", self.address))?;
        let skip = if self.prefix.is_empty() {
            0
        } else {
            self.prefix.len() + 1
        };
        Ok(metas
            .into_iter()
            .filter_map(|m| {
                let name = m.location.as_ref().get(skip..)?.to_string();
                Some((name, m.size))
            })
            .collect())
    }

    fn put(&mut self, name: &str, bytes: &[u8], kind: Kind) -> Result<()> {
        self.put_with(name, bytes, PutMode::Overwrite, kind)
            .map(|_| ())
    }

    fn create_new(&mut self, name: &str, bytes: &[u8]) -> Result<bool> {
        self.put_with(name, bytes, PutMode::Create, Kind::State)
    }

    fn get(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let path = self.path(name);
        let got = self.runtime.block_on(async {
            match self.store.get(&path).await {
                Ok(r) => r.bytes().await.map(Some),
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(e),
            }
        });
        got.map(|b| b.map(|b| b.to_vec()))
            .with_context(|| format!("failed to read `{name}` on `{}`", self.address))
    }

    fn delete(&mut self, name: &str) -> Result<()> {
        crate::fsutil::checkpoint();
        let path = self.path(name);
        match self.runtime.block_on(self.store.delete(&path)) {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => {
                Err(e).with_context(|| format!("failed to remove `{name}` on `{}`", self.address))
            }
        }
    }
}
