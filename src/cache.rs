//! A content-addressed store of synthesized sentences (`.devocast/cache/`).
//!
//! The key is a hash of the exact spoken text and the voice's identity (engine, version and
//! settings, see [`Voice::id`]), so editing one paragraph re-synthesizes only its sentences and
//! a voice upgrade never reuses stale audio.
//!
//! Pruning keeps what each voice last used: the sentences of a voice that narrated this run
//! and no episode uses any more go at once, but a voice no longer in use keeps all its
//! sentences for `[cache] keep_days` after its last use, so switching back to it costs
//! nothing. Which voice used which entries, and when last, is kept in `voices.json` beside
//! them (the cache's own bookkeeping: nothing published depends on its times).

use crate::voice::{Speech, Voice};
use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Synthesized sentences on disk, by content hash.
pub struct SegmentCache {
    dir: PathBuf,
    /// Keys used or kept during this run, by the id of the voice that made them.
    used: Mutex<BTreeMap<String, BTreeSet<String>>>,
}

/// The cache's record of each voice's entries (`voices.json`).
#[derive(Debug, Default, Serialize, Deserialize)]
struct Ledger {
    /// By voice id.
    voices: BTreeMap<String, VoiceEntries>,
}

/// One voice's entries and when a run last used them.
#[derive(Debug, Serialize, Deserialize)]
struct VoiceEntries {
    last_used: DateTime<Utc>,
    keys: BTreeSet<String>,
}

/// What a prune keeps.
#[derive(Debug, Clone)]
pub struct Retention<'a> {
    /// The moment of this run.
    pub now: DateTime<Utc>,
    /// Days a voice's entries are kept after its last use.
    pub keep_days: u32,
    /// Ids of the voices that narrated this run: their entries not used now are pruned at
    /// once (an edited sentence's old audio).
    pub narrating: &'a [String],
}

/// The file, in the cache folder, that says which voice used which entries.
const LEDGER: &str = "voices.json";

/// The cache key of a sentence for a voice.
pub fn key(voice_id: &str, text: &str) -> String {
    let mut h = blake3::Hasher::new();
    h.update(voice_id.as_bytes());
    h.update(&[0]);
    h.update(text.as_bytes());
    h.finalize().to_hex().to_string()
}

/// Whether stored bytes can be an entry: a rate, then whole 16-bit samples.
fn whole_entry(bytes: &[u8]) -> bool {
    bytes.len() >= 4 && (bytes.len() - 4).is_multiple_of(2)
}

impl SegmentCache {
    /// The cache in `dir` (created on first write).
    pub fn open(dir: &Path) -> SegmentCache {
        SegmentCache {
            dir: dir.to_path_buf(),
            used: Mutex::new(BTreeMap::new()),
        }
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{}.pcm", &key[2..]))
    }

    /// Marks keys of the voice `voice_id` as still in use (by episodes that were not rebuilt
    /// this time).
    pub fn keep<'a>(&self, voice_id: &str, keys: impl IntoIterator<Item = &'a String>) {
        if let Ok(mut u) = self.used.lock() {
            u.entry(voice_id.to_string())
                .or_default()
                .extend(keys.into_iter().cloned());
        }
    }

    /// A stored sentence of the voice `voice_id`: sample rate (u32 LE), then 16-bit LE
    /// samples (what espeak-ng produces, so nothing is lost, at half the size of floats).
    pub fn get(&self, voice_id: &str, key: &str) -> Option<Speech> {
        let bytes = std::fs::read(self.path(key)).ok()?;
        if !whole_entry(&bytes) {
            return None; // damaged: synthesize again
        }
        let rate = u32::from_le_bytes(bytes[..4].try_into().ok()?);
        let samples = bytes[4..]
            .chunks_exact(2)
            .map(|b| f32::from(i16::from_le_bytes([b[0], b[1]])) / 32768.0)
            .collect();
        self.keep(voice_id, std::iter::once(&key.to_string()));
        Some(Speech { samples, rate })
    }

    /// Stores a sentence and returns it as stored (16-bit), so a build uses the same
    /// samples whether a sentence came from the engine or from the cache: outputs do not
    /// depend on which episode happened to synthesize a shared sentence first. Entries are
    /// not synced to disk: one lost in a crash is simply synthesized again.
    pub fn put(&self, voice_id: &str, key: &str, speech: &Speech) -> Result<Speech> {
        let mut bytes = Vec::with_capacity(4 + speech.samples.len() * 2);
        bytes.extend_from_slice(&speech.rate.to_le_bytes());
        for s in &speech.samples {
            let v = (s * 32768.0).round().clamp(-32768.0, 32767.0) as i16;
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        // Shards on several machines may store the same sentence at once: an entry, once
        // there, is never overwritten (the key is a hash of the text and the voice, so any
        // whole entry is the right one). Only a damaged entry is replaced.
        let path = self.path(key);
        if !crate::fsutil::write_new_unsynced(&path, &bytes)?
            && !std::fs::read(&path).is_ok_and(|b| whole_entry(&b))
        {
            crate::fsutil::write_atomic_unsynced(&path, &bytes)?;
        }
        self.keep(voice_id, std::iter::once(&key.to_string()));
        let samples = bytes[4..]
            .chunks_exact(2)
            .map(|b| f32::from(i16::from_le_bytes([b[0], b[1]])) / 32768.0)
            .collect();
        Ok(Speech {
            samples,
            rate: speech.rate,
        })
    }

    /// Deletes the entries nothing keeps: those of a voice that narrated this run and were
    /// not used, those of voices unused for `keep_days`, and those no voice claims (written
    /// before the cache kept its ledger). Returns how many.
    pub fn prune(&self, retention: &Retention) -> Result<usize> {
        let used = self.used.lock().map(|u| u.clone()).unwrap_or_default();
        let mut ledger = self.ledger();
        for (voice, keys) in used {
            let narrating = retention.narrating.contains(&voice);
            let entry = ledger.voices.entry(voice).or_insert_with(|| VoiceEntries {
                last_used: retention.now,
                keys: BTreeSet::new(),
            });
            if narrating {
                entry.keys = keys;
            } else {
                // Kept by an episode still published in this voice: its other entries
                // stay too.
                entry.keys.extend(keys);
            }
            entry.last_used = entry.last_used.max(retention.now);
        }
        let keep_for = chrono::Duration::days(i64::from(retention.keep_days));
        // Used this run, or within `keep_days` before it.
        ledger.voices.retain(|_, v| {
            v.last_used >= retention.now
                || retention.now.signed_duration_since(v.last_used) < keep_for
        });
        let keep: BTreeSet<&String> = ledger.voices.values().flat_map(|v| &v.keys).collect();
        let mut removed = 0;
        for (key, path) in self.entries() {
            if !keep.contains(&key) {
                std::fs::remove_file(&path)
                    .with_context(|| format!("failed to prune `{}`", path.display()))?;
                removed += 1;
            }
        }
        if ledger.voices.is_empty() && !self.dir.is_dir() {
            return Ok(removed);
        }
        crate::fsutil::write_atomic_unsynced(
            &self.dir.join(LEDGER),
            serde_json::to_string(&ledger)?.as_bytes(),
        )?;
        Ok(removed)
    }

    /// The ledger on disk, or an empty one (a damaged ledger only costs re-synthesis).
    fn ledger(&self) -> Ledger {
        std::fs::read(self.dir.join(LEDGER))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Every entry on disk: (key, file).
    fn entries(&self) -> Vec<(String, PathBuf)> {
        let mut out = Vec::new();
        let Ok(shards) = std::fs::read_dir(&self.dir) else {
            return out;
        };
        for shard in shards.flatten() {
            let prefix = shard.file_name().to_string_lossy().into_owned();
            let Ok(files) = std::fs::read_dir(shard.path()) else {
                continue;
            };
            for f in files.flatten() {
                let name = f.file_name().to_string_lossy().into_owned();
                if let Some(rest) = name.strip_suffix(".pcm") {
                    out.push((format!("{prefix}{rest}"), f.path()));
                }
            }
        }
        out
    }
}

/// A voice that answers from the cache and synthesizes (and stores) only what is missing.
pub struct CachedVoice<'a> {
    /// The real engine.
    pub inner: &'a dyn Voice,
    /// Where sentences are kept.
    pub cache: &'a SegmentCache,
    /// Keys used by the episode being built (recorded with its outputs).
    pub keys: Mutex<Vec<String>>,
    /// Sentences already in memory (from [`CachedVoice::prefetch`]).
    memo: Mutex<std::collections::HashMap<String, Speech>>,
}

impl<'a> CachedVoice<'a> {
    /// Wraps `inner` with `cache`.
    pub fn new(inner: &'a dyn Voice, cache: &'a SegmentCache) -> CachedVoice<'a> {
        CachedVoice {
            inner,
            cache,
            keys: Mutex::new(Vec::new()),
            memo: Mutex::new(Default::default()),
        }
    }

    /// Loads or synthesizes all `texts` in parallel and keeps them in memory for rendering;
    /// returns how many had to be synthesized.
    ///
    /// The work is shared by plain threads (as many as the build's workers), longest sentence
    /// first so no core idles at the end. Not rayon tasks: a rayon worker waiting on a neural
    /// engine would steal the next sentence and stack inferences on one thread.
    pub fn prefetch(&self, texts: &[&str]) -> Result<usize> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let id = self.inner.id();
        let mut order: Vec<&str> = texts.to_vec();
        // Longest first; equal texts side by side, so each is synthesized once.
        order.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        order.dedup();
        let next = AtomicUsize::new(0);
        let threads = rayon::current_num_threads().clamp(1, order.len().max(1));
        let results: Vec<Result<Vec<(String, Speech, usize)>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| -> Result<Vec<(String, Speech, usize)>> {
                        let mut done = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(t) = order.get(i) else {
                                return Ok(done);
                            };
                            let k = key(&id, t);
                            if let Some(s) = self.cache.get(&id, &k) {
                                done.push((k, s, 0));
                                continue;
                            }
                            let s = self
                                .inner
                                .synthesize(t)
                                .with_context(|| format!("the voice failed on {t:?}"))?;
                            let stored = self.cache.put(&id, &k, &s)?;
                            done.push((k, stored, 1));
                        }
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(anyhow::anyhow!("a synthesis thread panicked")))
                })
                .collect()
        });
        let mut fresh = 0;
        let mut memo = self
            .memo
            .lock()
            .map_err(|_| anyhow::anyhow!("cache lock poisoned"))?;
        for r in results {
            for (k, s, n) in r? {
                fresh += n;
                memo.insert(k, s);
            }
        }
        Ok(fresh)
    }
}

impl Voice for CachedVoice<'_> {
    fn describe(&self) -> String {
        self.inner.describe()
    }
    fn id(&self) -> String {
        self.inner.id()
    }
    fn accepts_phonemes(&self) -> bool {
        self.inner.accepts_phonemes()
    }
    fn identity(&self) -> crate::voice::Identity {
        self.inner.identity()
    }
    fn language(&self) -> Option<String> {
        self.inner.language()
    }
    fn synthesize(&self, text: &str) -> Result<Speech> {
        let id = self.inner.id();
        let k = key(&id, text);
        if let Ok(mut keys) = self.keys.lock() {
            keys.push(k.clone());
        }
        if let Some(s) = self.memo.lock().ok().and_then(|m| m.get(&k).cloned()) {
            return Ok(s);
        }
        if let Some(s) = self.cache.get(&id, &k) {
            return Ok(s);
        }
        let speech = self.inner.synthesize(text)?;
        self.cache.put(&id, &k, &speech)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speech() -> Speech {
        Speech {
            samples: vec![0.25, -0.5, 1.0],
            rate: 22_050,
        }
    }

    fn day(n: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_790_000_000, 0).unwrap() + chrono::Duration::days(n)
    }

    /// A run on day `n` in which `voice` narrated `texts`.
    fn run(dir: &Path, n: i64, keep_days: u32, voice: &str, texts: &[&str]) -> usize {
        let c = SegmentCache::open(dir);
        for t in texts {
            let k = key(voice, t);
            if c.get(voice, &k).is_none() {
                c.put(voice, &k, &speech()).unwrap();
            }
        }
        c.prune(&Retention {
            now: day(n),
            keep_days,
            narrating: &[voice.to_string()],
        })
        .unwrap()
    }

    fn has(dir: &Path, voice: &str, text: &str) -> bool {
        SegmentCache::open(dir).path(&key(voice, text)).is_file()
    }

    #[test]
    fn round_trip_and_prune() {
        let dir = tempfile::tempdir().unwrap();
        let c = SegmentCache::open(dir.path());
        c.put("v", &key("v", "a"), &speech()).unwrap();
        let got = c.get("v", &key("v", "a")).unwrap();
        assert_eq!(
            (got.rate, got.samples),
            (22_050, vec![0.25, -0.5, 32767.0 / 32768.0])
        );
        assert!(
            c.get("v2", &key("v2", "a")).is_none(),
            "another voice must not share entries"
        );
        // A new run of the same voice that uses nothing prunes everything.
        let fresh = SegmentCache::open(dir.path());
        let retention = Retention {
            now: day(0),
            keep_days: 30,
            narrating: &["v".to_string()],
        };
        assert_eq!(fresh.prune(&retention).unwrap(), 1, "an entry nothing uses");
        assert!(fresh.get("v", &key("v", "a")).is_none());
    }

    #[test]
    fn a_voice_keeps_its_entries_for_keep_days_after_its_last_use() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        assert_eq!(run(d, 0, 30, "a", &["one", "two"]), 0);
        // Voice b narrates from day 1: a's entries stay.
        assert_eq!(run(d, 1, 30, "b", &["one", "two"]), 0);
        assert!(has(d, "a", "one") && has(d, "a", "two") && has(d, "b", "one"));
        // Day 29 after a's last use: still kept.
        assert_eq!(run(d, 29, 30, "b", &["one", "two"]), 0);
        assert!(has(d, "a", "one"));
        // Day 30: a's entries go, b's stay.
        assert_eq!(run(d, 30, 30, "b", &["one", "two"]), 2);
        assert!(!has(d, "a", "one") && !has(d, "a", "two"));
        assert!(has(d, "b", "one") && has(d, "b", "two"));
    }

    #[test]
    fn switching_back_renews_a_voice_and_keep_days_zero_prunes_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        run(d, 0, 30, "a", &["one"]);
        run(d, 20, 30, "b", &["one"]);
        // Back to a on day 25: its entry was kept; b's is kept for 30 days from day 20.
        run(d, 25, 30, "a", &["one"]);
        assert!(has(d, "a", "one") && has(d, "b", "one"));
        assert_eq!(run(d, 49, 30, "a", &["one"]), 0);
        assert_eq!(run(d, 50, 30, "a", &["one"]), 1);
        assert!(!has(d, "b", "one"));
        // keep_days = 0: the other voice's entries go with the first run without it.
        run(d, 56, 0, "b", &["one"]);
        assert!(!has(d, "a", "one"));
    }

    #[test]
    fn the_narrating_voice_drops_what_it_no_longer_says_and_orphans_go() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        // An entry written before the ledger existed, by no voice it knows.
        SegmentCache::open(d)
            .put("old", &key("old", "x"), &speech())
            .unwrap();
        std::fs::remove_file(d.join(LEDGER)).ok();
        assert_eq!(run(d, 0, 30, "a", &["one", "two"]), 1, "the orphan");
        // An edit: "two" is no longer said.
        assert_eq!(run(d, 1, 30, "a", &["one", "three"]), 1);
        assert!(!has(d, "a", "two") && has(d, "a", "three"));
        // Entries kept for an episode still published in another voice keep that voice's
        // other entries too.
        run(d, 2, 30, "b", &["one"]);
        let c = SegmentCache::open(d);
        c.keep("a", [&key("a", "one")]);
        c.prune(&Retention {
            now: day(40),
            keep_days: 30,
            narrating: &["b".to_string()],
        })
        .unwrap();
        assert!(has(d, "a", "one") && has(d, "a", "three"));
    }
}
