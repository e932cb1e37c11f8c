//! devocast's own record on a target: which files it wrote there, with their sizes and
//! digests, which of them the live feed references, and until when each of the others was
//! last referenced; and the lock that keeps two deploys apart. Both live on the target
//! itself, so they hold for every machine that deploys there.

use super::{Kind, Local, Target};
use anyhow::{bail, Context, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The state object's name at the target's root.
pub const STATE_FILE: &str = ".devocast-deploy.json";
/// The lock's name at the target's root.
pub const LOCK_FILE: &str = ".devocast-deploy.lock";
/// A lock held this long by another machine is taken to be left by a deploy that died.
const STALE_LOCK_HOURS: i64 = 6;

/// One file devocast wrote to the target.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Written {
    /// Bytes.
    pub size: u64,
    /// blake3 of its bytes, hex.
    pub blake3: String,
    /// The last moment a published feed referenced it (for a live file: when it was
    /// written; it is referenced for as long as it stays live).
    pub last_referenced: DateTime<Utc>,
}

/// The state object.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DeployState {
    /// The files the live feed references.
    pub live: BTreeSet<String>,
    /// Every file devocast wrote there and has not removed.
    pub files: BTreeMap<String, Written>,
}

impl DeployState {
    /// The target's state, or an empty one if it has none yet.
    pub fn load(target: &mut dyn Target) -> Result<DeployState> {
        let address = target.address().to_string();
        match target
            .get(STATE_FILE)
            .with_context(|| format!("failed to read `{STATE_FILE}` on `{address}`"))?
        {
            None => Ok(DeployState::default()),
            Some(bytes) => serde_json::from_slice(&bytes).with_context(|| {
                format!("`{STATE_FILE}` on `{address}` is damaged: it is devocast's record of what it wrote there; remove it to deploy afresh (files of earlier feeds are then left in place)")
            }),
        }
    }

    /// Writes the state to the target, whole.
    pub fn save(&self, target: &mut dyn Target) -> Result<()> {
        let bytes = serde_json::to_vec_pretty(self)?;
        let address = target.address().to_string();
        target
            .put(STATE_FILE, &bytes, Kind::State)
            .with_context(|| format!("failed to write `{STATE_FILE}` on `{address}`"))
    }

    /// Records the files about to be uploaded as devocast's, before any is written. A file
    /// devocast already records keeps its record until its upload is done ([`Self::wrote`]):
    /// a record naming bytes not yet uploaded would make the next deploy skip the file. A
    /// name new to the record gets its digest only if the target lacks it (whatever appears
    /// there later is this upload, whole); over a file of unknown bytes, it gets none.
    pub fn will_write(
        &mut self,
        files: &[&Local],
        listing: &BTreeMap<String, u64>,
        now: DateTime<Utc>,
    ) {
        for f in files {
            if self.files.contains_key(&f.name) {
                continue;
            }
            let known = !listing.contains_key(&f.name);
            self.files.insert(
                f.name.clone(),
                Written {
                    size: f.size,
                    blake3: if known {
                        f.digest.clone()
                    } else {
                        String::new()
                    },
                    last_referenced: now,
                },
            );
        }
    }

    /// `f` is uploaded, whole.
    pub fn wrote(&mut self, f: &Local, now: DateTime<Utc>) {
        self.files.insert(
            f.name.clone(),
            Written {
                size: f.size,
                blake3: f.digest.clone(),
                last_referenced: now,
            },
        );
    }

    /// The feed referencing `live` has replaced the previous one: what that one referenced
    /// was referenced until `now`.
    pub fn replace_live(&mut self, live: BTreeSet<String>, now: DateTime<Utc>) {
        for name in self.live.iter().chain(&live) {
            if let Some(w) = self.files.get_mut(name) {
                w.last_referenced = now;
            }
        }
        self.live = live;
    }

    /// The files devocast wrote that neither the new nor the live feed references, and that
    /// no feed has referenced within `window` before `now`.
    pub fn expired(
        &self,
        new: &BTreeSet<String>,
        window: chrono::Duration,
        now: DateTime<Utc>,
    ) -> Vec<String> {
        self.files
            .iter()
            .filter(|(name, w)| {
                !new.contains(*name)
                    && !self.live.contains(*name)
                    && w.last_referenced + window < now
            })
            .map(|(name, _)| name.clone())
            .collect()
    }
}

/// Who holds a target's lock.
#[derive(Debug, Serialize, Deserialize)]
struct Holder {
    host: String,
    pid: u32,
    since: DateTime<Utc>,
}

/// A target's lock, held by this process until [`TargetLock::release`].
pub struct TargetLock(());

impl TargetLock {
    /// Takes the lock, or says who holds it. A lock left by a deploy that died (its process
    /// gone on this machine, or held for hours by another) is taken over.
    pub fn take(target: &mut dyn Target) -> Result<TargetLock> {
        let me = Holder {
            host: crate::fsutil::host_name(),
            pid: std::process::id(),
            since: Utc::now(),
        };
        let bytes = serde_json::to_vec(&me)?;
        let address = target.address().to_string();
        for _ in 0..3 {
            if target
                .create_new(LOCK_FILE, &bytes)
                .with_context(|| format!("failed to take the lock on `{address}`"))?
            {
                return Ok(TargetLock(()));
            }
            // Released since: try again.
            let Some(held) = target.get(LOCK_FILE)? else {
                continue;
            };
            match serde_json::from_slice::<Holder>(&held) {
                Ok(h) if !left_behind(&h, &me) => bail!(
                    "another deploy to `{address}` is running (process {} on machine {}, since {}); wait for it to finish (its lock is `{LOCK_FILE}` there)",
                    h.pid,
                    h.host,
                    h.since.format("%Y-%m-%d %H:%M UTC")
                ),
                Ok(_) => target.delete(LOCK_FILE)?,
                Err(_) => bail!(
                    "`{LOCK_FILE}` on `{address}` is not a lock devocast can read; if no deploy is running there, remove it"
                ),
            }
        }
        bail!("another deploy to `{address}` took the lock just now; try again")
    }

    /// Lets the lock go.
    pub fn release(self, target: &mut dyn Target) -> Result<()> {
        target.delete(LOCK_FILE)
    }
}

/// Whether `h` was left by a deploy that is no longer running.
fn left_behind(h: &Holder, me: &Holder) -> bool {
    if h.host == me.host {
        return !crate::fsutil::process_alive(h.pid);
    }
    me.since - h.since > chrono::Duration::hours(STALE_LOCK_HOURS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32) -> DateTime<Utc> {
        format!("2026-03-{day:02}T12:00:00Z").parse().unwrap()
    }

    #[test]
    fn a_replaced_file_expires_only_after_the_window_from_its_last_feed() {
        let mut s = DeployState::default();
        let f = |name: &str| Local {
            name: name.into(),
            path: name.into(),
            size: 1,
            digest: "d".into(),
            kind: Kind::Media,
        };
        let (a, b) = (f("a.mp3"), f("b.mp3"));
        let none = BTreeMap::new();
        s.will_write(&[&a], &none, at(1));
        s.replace_live(["a.mp3".to_string()].into(), at(1));
        // Ten days later a feed without a.mp3 goes live.
        let new: BTreeSet<String> = ["b.mp3".to_string()].into();
        s.will_write(&[&b], &none, at(11));
        assert!(s
            .expired(&new, chrono::Duration::days(5), at(11))
            .is_empty());
        s.replace_live(new.clone(), at(11));
        let window = chrono::Duration::days(5);
        assert!(s.expired(&new, window, at(15)).is_empty());
        assert_eq!(s.expired(&new, window, at(17)), ["a.mp3"]);
        assert!(s
            .expired(&new, chrono::Duration::days(30), at(17))
            .is_empty());
    }

    #[test]
    fn bytes_not_yet_uploaded_are_never_recorded_as_on_the_target() {
        let f = |digest: &str| Local {
            name: "feed.xml".into(),
            path: "feed.xml".into(),
            size: 7,
            digest: digest.into(),
            kind: Kind::Feed,
        };
        let mut s = DeployState::default();
        let listing: BTreeMap<String, u64> = [("feed.xml".to_string(), 7)].into();
        // A feed already there, written by someone else: its bytes are unknown.
        s.will_write(&[&f("new")], &listing, at(1));
        assert_eq!(s.files["feed.xml"].blake3, "");
        s.wrote(&f("old"), at(1));
        // The next deploy's feed, of the same size, is not yet uploaded when it is noted.
        s.will_write(&[&f("new")], &listing, at(2));
        assert_eq!(s.files["feed.xml"].blake3, "old");
        s.wrote(&f("new"), at(2));
        assert_eq!(s.files["feed.xml"].blake3, "new");
    }
}
