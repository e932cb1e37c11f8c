//! `devocast deploy`: publishes `feed/` to a web host so that listeners never see a feed
//! whose files are missing, and old editions stay while apps may still hold them.
//!
//! One trait, [`Target`], one file per kind of target (a folder, S3-compatible storage,
//! SFTP). Every target is driven the same way ([`run`]):
//!
//! 1. take the target's lock (a second deploy refuses), read its state object;
//! 2. list the target, and upload what the current feed references that it lacks or holds
//!    at another size or digest: media first, then pages, transcripts and books, then the
//!    index, the feed last, each written whole (a temporary name and a rename, or one PUT);
//! 3. record in the state object that the files of the feed just replaced were referenced
//!    until now;
//! 4. remove what devocast wrote there and no feed has referenced within
//!    `publish.retention_days`; nothing else is ever touched.
//!
//! The state object (`.devocast-deploy.json`) lives on the target, so the rule holds across
//! machines and shards. Before any upload it already names the files about to be written, so
//! a deploy killed at any point leaves the live feed whole, and the next one finishes the job.

use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub mod files;
pub mod folder;
pub mod s3;
pub mod sftp;
pub mod state;
pub mod verify;

pub use files::{Kind, Local};
pub use state::{DeployState, STATE_FILE};

/// A place `feed/` is published to. Names are relative to the target's root, with `/`.
pub trait Target {
    /// The target's address for messages (never a credential).
    fn address(&self) -> &str;
    /// Every file under the root with its size, devocast's own state and lock included.
    fn list(&mut self) -> Result<BTreeMap<String, u64>>;
    /// Writes `bytes` as `name`, whole or not at all (a temporary name then a rename, or a
    /// single PUT), with the headers `kind` asks for where the target serves them.
    fn put(&mut self, name: &str, bytes: &[u8], kind: Kind) -> Result<()>;
    /// Writes `bytes` as `name` only if nothing is there; returns whether it did (the lock).
    fn create_new(&mut self, name: &str, bytes: &[u8]) -> Result<bool>;
    /// The bytes of `name`, or `None` if there is no such file.
    fn get(&mut self, name: &str) -> Result<Option<Vec<u8>>>;
    /// Removes `name`; a file already gone is not an error.
    fn delete(&mut self, name: &str) -> Result<()>;
}

/// Connection settings beyond the target's address: `[deploy]` of the configuration, and
/// whether an unknown SSH host key may be accepted (and recorded).
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// `[deploy]`.
    pub config: crate::config::DeployConfig,
    /// Accept an SSH host key not yet in `known_hosts`, and record it there.
    pub accept_new_host_key: bool,
}

/// Opens the target an address names: `s3://`, `sftp://`, `file://` or a plain folder.
pub fn open(address: &str, settings: &Settings) -> Result<Box<dyn Target>> {
    crate::config::deploy::check_target(address)?;
    Ok(match address.split_once("://") {
        Some(("s3", _)) => Box::new(s3::S3::open(address, &settings.config)?),
        Some(("sftp", _)) => Box::new(sftp::Sftp::open(address, settings)?),
        Some(("file", path)) => Box::new(folder::Folder::open(Path::new(path))?),
        _ => Box::new(folder::Folder::open(Path::new(address))?),
    })
}

/// What a deploy does or did.
#[derive(Debug, Default)]
pub struct Deployed {
    /// The target's address.
    pub target: String,
    /// Files uploaded (or to upload, on a dry run), in order, with their sizes.
    pub uploaded: Vec<(String, u64)>,
    /// Files removed (or to remove) because no feed within the window references them.
    pub removed: Vec<String>,
    /// Files kept because a feed within the window still references them.
    pub retained: usize,
    /// The public address of the feed.
    pub feed_url: String,
}

impl Deployed {
    /// Bytes uploaded.
    pub fn bytes(&self) -> u64 {
        self.uploaded.iter().map(|(_, n)| n).sum()
    }
}

/// What to deploy, and how.
pub struct Options<'a> {
    /// List what would be done, and do nothing.
    pub dry_run: bool,
    /// The moment of this deploy (tests pass another).
    pub now: chrono::DateTime<chrono::Utc>,
    /// Called before each upload with the file, the bytes uploaded so far and the bytes
    /// of all uploads, for a progress bar.
    pub progress: &'a dyn Fn(&str, u64, u64),
}

/// Deploys the project's published feed to `target`.
pub fn run(project: &Path, target: &mut dyn Target, options: &Options) -> Result<Deployed> {
    let config = crate::config::Config::load(project)?;
    let layout = crate::project::layout::Layout::new(project, &config)?;
    // No build may change `feed/` under the deploy.
    let _project_lock =
        crate::project::lock::Lock::try_acquire(&layout.lock_file(), "the project")?;
    let local = files::current(&layout)?;
    let mut done = Deployed {
        target: target.address().to_string(),
        feed_url: crate::publish::feed::feed_url(&config.podcast),
        ..Deployed::default()
    };
    let lock = state::TargetLock::take(target)?;
    let result = deploy_locked(target, &local, &config, options, &mut done);
    let released = lock.release(target);
    result?;
    released?;
    Ok(done)
}

/// The deploy proper, under the target's lock.
fn deploy_locked(
    target: &mut dyn Target,
    local: &[Local],
    config: &crate::config::Config,
    options: &Options,
    done: &mut Deployed,
) -> Result<()> {
    let address = target.address().to_string();
    let mut state = DeployState::load(target)?;
    let listing = target
        .list()
        .with_context(|| format!("failed to list `{address}`"))?;
    let uploads: Vec<&Local> = local
        .iter()
        .filter(|f| needs_upload(f, &listing, &state))
        .collect();
    let live: BTreeSet<String> = local.iter().map(|f| f.name.clone()).collect();
    let expired = state.expired(&live, config.publish.window(), options.now);
    done.uploaded = uploads.iter().map(|f| (f.name.clone(), f.size)).collect();
    done.removed = expired.clone();
    done.retained = state.files.len().saturating_sub(live.len() + expired.len());
    if options.dry_run || (uploads.is_empty() && expired.is_empty() && state.live == live) {
        return Ok(());
    }
    // Name the files about to be written first: a deploy killed mid-way then still knows
    // they are devocast's.
    state.will_write(&uploads, &listing, options.now);
    state.save(target)?;
    let (mut sent, total) = (0, done.bytes());
    for f in &uploads {
        (options.progress)(&f.name, sent, total);
        sent += f.size;
        let bytes = crate::fsutil::read(&f.path)?;
        if bytes.len() as u64 != f.size || blake3::hash(&bytes).to_hex().as_str() != f.digest {
            bail!(
                "`{}` changed while deploying: run the deploy again",
                f.path.display()
            );
        }
        target
            .put(&f.name, &bytes, f.kind)
            .with_context(|| format!("failed to upload `{}` to `{address}`", f.name))?;
        state.wrote(f, options.now);
    }
    // The feed is live: what the previous one referenced was referenced until now.
    state.replace_live(live, options.now);
    state.save(target)?;
    for name in &expired {
        target
            .delete(name)
            .with_context(|| format!("failed to remove `{name}` from `{address}`"))?;
        state.files.remove(name);
    }
    if !expired.is_empty() {
        state.save(target)?;
    }
    Ok(())
}

/// Whether the target lacks `f` or holds other bytes under its name: another size, or a
/// digest other than the one devocast recorded writing there (a file devocast did not
/// record is replaced, since its bytes are unknown).
fn needs_upload(f: &Local, listing: &BTreeMap<String, u64>, state: &DeployState) -> bool {
    listing.get(&f.name) != Some(&f.size)
        || state
            .files
            .get(&f.name)
            .is_none_or(|r| r.blake3 != f.digest)
}
