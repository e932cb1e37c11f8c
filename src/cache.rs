//! A content-addressed store of synthesized sentences (`.devocast/cache/`).
//!
//! The key is a hash of the exact spoken text and the voice's identity (engine, version and
//! settings, see [`Voice::id`]), so editing one paragraph re-synthesizes only its sentences and
//! a voice upgrade never reuses stale audio. Entries no episode uses any more are pruned.

use crate::voice::{Speech, Voice};
use anyhow::{Context, Result};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Synthesized sentences on disk, by content hash.
pub struct SegmentCache {
    dir: PathBuf,
    used: Mutex<HashSet<String>>,
}

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
            used: Mutex::new(HashSet::new()),
        }
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{}.pcm", &key[2..]))
    }

    /// Marks keys as still in use (by episodes that were not rebuilt this time).
    pub fn keep<'a>(&self, keys: impl IntoIterator<Item = &'a String>) {
        if let Ok(mut u) = self.used.lock() {
            u.extend(keys.into_iter().cloned());
        }
    }

    /// A stored sentence: sample rate (u32 LE), then 16-bit LE samples (what espeak-ng
    /// produces, so nothing is lost, at half the size of floats).
    pub fn get(&self, key: &str) -> Option<Speech> {
        let bytes = std::fs::read(self.path(key)).ok()?;
        if !whole_entry(&bytes) {
            return None; // damaged: synthesize again
        }
        let rate = u32::from_le_bytes(bytes[..4].try_into().ok()?);
        let samples = bytes[4..]
            .chunks_exact(2)
            .map(|b| f32::from(i16::from_le_bytes([b[0], b[1]])) / 32768.0)
            .collect();
        self.keep(std::iter::once(&key.to_string()));
        Some(Speech { samples, rate })
    }

    /// Stores a sentence and returns it as stored (16-bit), so a build uses the same
    /// samples whether a sentence came from the engine or from the cache: outputs do not
    /// depend on which episode happened to synthesize a shared sentence first. Entries are
    /// not synced to disk: one lost in a crash is simply synthesized again.
    pub fn put(&self, key: &str, speech: &Speech) -> Result<Speech> {
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
        self.keep(std::iter::once(&key.to_string()));
        let samples = bytes[4..]
            .chunks_exact(2)
            .map(|b| f32::from(i16::from_le_bytes([b[0], b[1]])) / 32768.0)
            .collect();
        Ok(Speech {
            samples,
            rate: speech.rate,
        })
    }

    /// Deletes every entry not used or kept during this build; returns how many.
    pub fn prune(&self) -> Result<usize> {
        let used = self.used.lock().map(|u| u.clone()).unwrap_or_default();
        let mut removed = 0;
        let Ok(shards) = std::fs::read_dir(&self.dir) else {
            return Ok(0);
        };
        for shard in shards.flatten() {
            let prefix = shard.file_name().to_string_lossy().into_owned();
            let Ok(files) = std::fs::read_dir(shard.path()) else {
                continue;
            };
            for f in files.flatten() {
                let name = f.file_name().to_string_lossy().into_owned();
                let key = format!("{prefix}{}", name.trim_end_matches(".pcm"));
                if !used.contains(&key) {
                    std::fs::remove_file(f.path())
                        .with_context(|| format!("failed to prune `{}`", f.path().display()))?;
                    removed += 1;
                }
            }
        }
        Ok(removed)
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
                            if let Some(s) = self.cache.get(&k) {
                                done.push((k, s, 0));
                                continue;
                            }
                            let s = self
                                .inner
                                .synthesize(t)
                                .with_context(|| format!("the voice failed on {t:?}"))?;
                            let stored = self.cache.put(&k, &s)?;
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
    fn synthesize(&self, text: &str) -> Result<Speech> {
        let k = key(&self.inner.id(), text);
        if let Ok(mut keys) = self.keys.lock() {
            keys.push(k.clone());
        }
        if let Some(s) = self.memo.lock().ok().and_then(|m| m.get(&k).cloned()) {
            return Ok(s);
        }
        if let Some(s) = self.cache.get(&k) {
            return Ok(s);
        }
        let speech = self.inner.synthesize(text)?;
        self.cache.put(&k, &speech)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_prune() {
        let dir = tempfile::tempdir().unwrap();
        let c = SegmentCache::open(dir.path());
        let s = Speech {
            samples: vec![0.25, -0.5, 1.0],
            rate: 22_050,
        };
        c.put(&key("v", "a"), &s).unwrap();
        let got = c.get(&key("v", "a")).unwrap();
        assert_eq!(
            (got.rate, got.samples),
            (22_050, vec![0.25, -0.5, 32767.0 / 32768.0])
        );
        assert!(
            c.get(&key("v2", "a")).is_none(),
            "another voice must not share entries"
        );
        // A new build that uses nothing prunes everything.
        let fresh = SegmentCache::open(dir.path());
        assert_eq!(fresh.prune().unwrap(), 1);
        assert!(fresh.get(&key("v", "a")).is_none());
    }
}
