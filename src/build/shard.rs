//! Sharded builds: `--shard K/N` builds one of N parts of the podcast, so a batch engine
//! (Slurm job arrays, Kubernetes indexed Jobs, a CI matrix) can spread a large archive over
//! many machines sharing the project folder; `devocast publish` then writes the feed.
//!
//! Every shard computes the same assignment from the same inputs: articles are weighed by
//! how much text they speak (what synthesis costs), heaviest first, each given to the shard
//! with the least work so far (ties to the lower shard, then by file name). Nothing depends
//! on the order the file system lists the folder or on which machine runs the shard.

use super::episode::{script_for, Project};
use super::{Held, Options, Outcome};
use crate::project::plan::Plan;
use crate::project::read_article;
use crate::project::state::{EpisodeState, Published};
use anyhow::{anyhow, bail, Result};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Part `index` (1-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which part, from 1.
    pub index: usize,
    /// How many parts.
    pub count: usize,
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// Shards beyond this are surely a typo (and would make every shard's plan list mostly
/// empty parts).
pub const MAX_SHARDS: usize = 100_000;

impl Shard {
    /// `K/N`, 1 ≤ K ≤ N.
    pub fn parse(text: &str) -> Result<Shard> {
        let (k, n) = text
            .split_once('/')
            .ok_or_else(|| anyhow!("--shard {text:?}: expected K/N, like 2/8 (or `auto`)"))?;
        let number = |s: &str, what: &str| -> Result<usize> {
            s.trim()
                .parse::<usize>()
                .map_err(|_| anyhow!("--shard {text:?}: {what} {s:?} is not a whole number"))
        };
        Shard::new(number(k, "K")?, number(n, "N")?).map_err(|e| anyhow!("--shard {text:?}: {e}"))
    }

    /// Checks 1 ≤ index ≤ count ≤ [`MAX_SHARDS`].
    pub fn new(index: usize, count: usize) -> Result<Shard> {
        if count == 0 || count > MAX_SHARDS {
            bail!("the number of shards must be between 1 and {MAX_SHARDS}, not {count}");
        }
        if index == 0 || index > count {
            bail!("shard {index} does not exist: shards are numbered 1 to {count}");
        }
        Ok(Shard { index, count })
    }

    /// The shard the command line asks for: `shard` is `--shard` (`K/N` or `auto`) and
    /// `shards` is `--shards N`, which only `auto` takes; without it, `auto` reads the number
    /// of parts from `DEVOCAST_SHARDS`. `env` reads a variable (the process environment, or
    /// a table in tests). `None` when no shard is asked for: the whole podcast is built.
    pub fn resolve(
        shard: Option<&str>,
        shards: Option<usize>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Option<Shard>> {
        match shard {
            None => Ok(None),
            Some("auto") => Shard::from_env(shards, env).map(Some),
            Some(text) => {
                if shards.is_some() {
                    bail!("--shards goes with `--shard auto`; `--shard {text}` already says how many parts");
                }
                Shard::parse(text).map(Some)
            }
        }
    }

    /// The shard a batch engine's environment names (`--shard auto`):
    ///
    /// - a Slurm job array: `SLURM_ARRAY_TASK_ID` counted from `SLURM_ARRAY_TASK_MIN` in steps
    ///   of `SLURM_ARRAY_TASK_STEP` (1 if unset), of `SLURM_ARRAY_TASK_COUNT`;
    /// - a Kubernetes indexed Job: `JOB_COMPLETION_INDEX` (from 0), of `count`.
    ///
    /// `count` is `--shards N`; without it, `DEVOCAST_SHARDS`. Either must agree with a Slurm
    /// array's size. `env` reads a variable (the process environment, or a table in tests).
    pub fn from_env(count: Option<usize>, env: &dyn Fn(&str) -> Option<String>) -> Result<Shard> {
        let count = match count {
            Some(n) => Some(n),
            None => shards_from_env(env)?,
        };
        let get = |name: &str| env(name).filter(|v| !v.trim().is_empty());
        let number = |name: &str| -> Result<Option<usize>> {
            get(name)
                .map(|v| {
                    v.trim()
                        .parse::<usize>()
                        .map_err(|_| anyhow!("--shard auto: {name}={v:?} is not a whole number"))
                })
                .transpose()
        };
        if let Some(id) = number("SLURM_ARRAY_TASK_ID")? {
            let need = |name: &str| -> Result<usize> {
                number(name)?.ok_or_else(|| {
                    anyhow!("--shard auto: SLURM_ARRAY_TASK_ID is set but {name} is not (is this a job array? submit with `sbatch --array=0-N`)")
                })
            };
            let min = need("SLURM_ARRAY_TASK_MIN")?;
            let total = need("SLURM_ARRAY_TASK_COUNT")?;
            let step = number("SLURM_ARRAY_TASK_STEP")?.unwrap_or(1).max(1);
            if let Some(n) = count {
                if n != total {
                    bail!("--shard auto: --shards {n} disagrees with the job array's {total} tasks (SLURM_ARRAY_TASK_COUNT)");
                }
            }
            let offset = id.checked_sub(min).ok_or_else(|| {
                anyhow!(
                    "--shard auto: SLURM_ARRAY_TASK_ID {id} is below SLURM_ARRAY_TASK_MIN {min}"
                )
            })?;
            if offset % step != 0 || offset / step >= total {
                bail!(
                    "--shard auto: task {id} of the array {min}..(step {step}, {total} tasks) is not one of a regular range; submit the array as a range (`--array=0-{}`), or give `--shard K/N` yourself",
                    total.saturating_sub(1)
                );
            }
            return Shard::new(offset / step + 1, total)
                .map_err(|e| anyhow!("--shard auto (Slurm): {e}"));
        }
        if let Some(index) = number("JOB_COMPLETION_INDEX")? {
            let total = count.ok_or_else(|| {
                anyhow!("--shard auto: JOB_COMPLETION_INDEX is {index} but the number of shards is not known: pass --shards N (the Job's `completions`) or set DEVOCAST_SHARDS")
            })?;
            return Shard::new(index + 1, total).map_err(|e| {
                anyhow!("--shard auto (Kubernetes JOB_COMPLETION_INDEX {index}): {e}")
            });
        }
        bail!("--shard auto: no batch engine found in the environment: neither a Slurm job array (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_COUNT) nor a Kubernetes indexed Job (JOB_COMPLETION_INDEX); give `--shard K/N` instead")
    }
}

/// `DEVOCAST_SHARDS`, the number of parts for `--shard auto` when `--shards` is not given;
/// blank is unset.
fn shards_from_env(env: &dyn Fn(&str) -> Option<String>) -> Result<Option<usize>> {
    env("DEVOCAST_SHARDS")
        .filter(|v| !v.trim().is_empty())
        .map(|v| {
            v.trim()
                .parse::<usize>()
                .map_err(|_| anyhow!("DEVOCAST_SHARDS={v:?} is not a whole number"))
        })
        .transpose()
}

/// Splits weighed items into `count` parts of nearly equal weight: heaviest first, each to
/// the lightest part so far (the lower part on a tie). Ties between items are broken by
/// path, so the result depends only on the items, never on their order. Returns the part
/// (0-based) of each item, in the order given.
pub fn assign(items: &[(PathBuf, u64)], count: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| {
        items[b]
            .1
            .cmp(&items[a].1)
            .then_with(|| items[a].0.cmp(&items[b].0))
    });
    let count = count.max(1);
    let mut load = vec![0u64; count];
    let mut part = vec![0; items.len()];
    for i in order {
        let lightest = (0..count).min_by_key(|&p| (load[p], p)).unwrap_or(0);
        // Every item weighs at least 1, so empty articles still spread out.
        load[lightest] += items[i].1.max(1);
        part[i] = lightest;
    }
    part
}

/// This shard's part of the plan: its articles, and the refused files it reports (every
/// file is some shard's, so each failure is reported once).
pub fn select(
    project: &Project,
    plan: Plan,
    shard: Shard,
) -> (Vec<PathBuf>, Vec<(PathBuf, anyhow::Error)>) {
    let mut items: Vec<(PathBuf, u64)> = plan
        .articles
        .iter()
        .map(|p| (p.clone(), project.weight(p)))
        .collect();
    items.extend(plan.refused.iter().map(|(p, _)| (p.clone(), 0)));
    let parts = assign(&items, shard.count);
    let ours: std::collections::HashSet<&Path> = items
        .iter()
        .zip(&parts)
        .filter(|(_, &part)| part + 1 == shard.index)
        .map(|((p, _), _)| p.as_path())
        .collect();
    let mine = |p: &Path| ours.contains(p);
    let articles = plan.articles.iter().filter(|p| mine(p)).cloned().collect();
    let refused = plan.refused.into_iter().filter(|(p, _)| mine(p)).collect();
    (articles, refused)
}

/// What a shard left for `path`, as the outcome a whole build would have had, with the
/// manifest it comes from; `None` if no shard has built the article as it is now.
///
/// An article is settled when it is held (a draft, or dated in the future), cannot be read
/// (the build would fail it too), has a manifest built from exactly its present sources
/// with every published file in place, or has a failure recorded for those sources.
pub fn settled(
    project: &Project,
    path: &Path,
    published: &mut Published,
    today: NaiveDate,
    options: &Options,
) -> Option<(Outcome, Option<EpisodeState>)> {
    let failed = |error: anyhow::Error| {
        Some((
            Outcome::Failed {
                source: path.to_path_buf(),
                error,
            },
            None,
        ))
    };
    let article = match read_article(path) {
        Ok(a) => a,
        Err(error) => return failed(error),
    };
    // Before a date is given: a draft takes none.
    if let Some(why) = &article.draft {
        return Some((
            Outcome::Held {
                source: path.to_path_buf(),
                why: Held::Draft(why.clone()),
            },
            None,
        ));
    }
    let state = EpisodeState::load(project.layout, &article.slug);
    let date = match article.date {
        Some(d) => d,
        None => {
            // The date the shard gave an undated article on its first build.
            let tried = state.as_ref().and_then(|s| {
                s.info
                    .as_ref()
                    .map(|i| i.date)
                    .or(s.failure.as_ref().map(|f| f.date))
            });
            let first = published.get(&article.slug).or(tried).unwrap_or(today);
            published.date_for(&article.slug, first)
        }
    };
    if let Some(why) = Held::of(&article, date, today, options) {
        return Some((
            Outcome::Held {
                source: path.to_path_buf(),
                why,
            },
            None,
        ));
    }
    let script = script_for(&project.config, &project.lexicon, false, &article, date);
    let artwork = super::artwork::resolve(&article, &project.layout.root)
        .ok()
        .flatten();
    let sources = match project.source_hash(path, &script, date, artwork.as_ref()) {
        Ok(h) => h,
        Err(error) => return failed(error),
    };
    let state = state?;
    if state.source_hash.as_deref() == Some(sources.as_str()) && project.intact(&state) {
        if let Some(info) = state.info.clone() {
            if options.strict && !state.warnings.is_empty() {
                return failed(anyhow!(
                    "`{}`: --strict: {}",
                    path.display(),
                    state.warnings.join("; ")
                ));
            }
            let warnings = state.warnings.clone();
            return Some((
                Outcome::Unchanged {
                    info: Box::new(info),
                    warnings,
                },
                Some(state),
            ));
        }
    }
    match &state.failure {
        Some(f) if f.source_hash == sources => failed(anyhow!("{}", f.error)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn parses_k_of_n() {
        assert_eq!(Shard::parse("2/3").unwrap(), Shard { index: 2, count: 3 });
        for bad in ["0/3", "4/3", "1/0", "3", "a/b", "-1/2", "1/2/3", ""] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
        let msg = Shard::parse("4/3").unwrap_err().to_string();
        assert!(msg.contains("numbered 1 to 3"), "{msg}");
    }

    #[test]
    fn slurm_arrays_from_zero_one_and_with_steps() {
        let s = |v: &[(&str, &str)]| Shard::from_env(None, &env(v));
        let base = [
            ("SLURM_ARRAY_TASK_MIN", "0"),
            ("SLURM_ARRAY_TASK_COUNT", "3"),
        ];
        for (id, k) in [("0", 1), ("1", 2), ("2", 3)] {
            let mut v = base.to_vec();
            v.push(("SLURM_ARRAY_TASK_ID", id));
            assert_eq!(s(&v).unwrap(), Shard { index: k, count: 3 });
        }
        // --array=1-4
        let v = [
            ("SLURM_ARRAY_TASK_ID", "4"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ];
        assert_eq!(s(&v).unwrap(), Shard { index: 4, count: 4 });
        // --array=0-10:5 → tasks 0, 5, 10
        let v = [
            ("SLURM_ARRAY_TASK_ID", "10"),
            ("SLURM_ARRAY_TASK_MIN", "0"),
            ("SLURM_ARRAY_TASK_COUNT", "3"),
            ("SLURM_ARRAY_TASK_STEP", "5"),
        ];
        assert_eq!(s(&v).unwrap(), Shard { index: 3, count: 3 });
        // --array=1,7 (a list): no regular numbering.
        let v = [
            ("SLURM_ARRAY_TASK_ID", "7"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_COUNT", "2"),
        ];
        assert!(s(&v).unwrap_err().to_string().contains("regular range"));
        // Missing pieces are named.
        let msg = s(&[("SLURM_ARRAY_TASK_ID", "1")]).unwrap_err().to_string();
        assert!(msg.contains("SLURM_ARRAY_TASK_MIN"), "{msg}");
        let msg = s(&[
            ("SLURM_ARRAY_TASK_ID", "x"),
            ("SLURM_ARRAY_TASK_MIN", "0"),
            ("SLURM_ARRAY_TASK_COUNT", "3"),
        ])
        .unwrap_err()
        .to_string();
        assert!(msg.contains("\"x\""), "{msg}");
        // --shards that disagrees with the array is refused.
        let v = [
            ("SLURM_ARRAY_TASK_ID", "0"),
            ("SLURM_ARRAY_TASK_MIN", "0"),
            ("SLURM_ARRAY_TASK_COUNT", "3"),
        ];
        assert!(Shard::from_env(Some(4), &env(&v)).is_err());
        assert!(Shard::from_env(Some(3), &env(&v)).is_ok());
    }

    #[test]
    fn kubernetes_indexed_jobs() {
        let v = [("JOB_COMPLETION_INDEX", "4")];
        assert_eq!(
            Shard::from_env(Some(5), &env(&v)).unwrap(),
            Shard { index: 5, count: 5 }
        );
        let msg = Shard::from_env(None, &env(&v)).unwrap_err().to_string();
        assert!(
            msg.contains("--shards") && msg.contains("DEVOCAST_SHARDS"),
            "{msg}"
        );
        let v = [("JOB_COMPLETION_INDEX", "1"), ("DEVOCAST_SHARDS", "2")];
        assert_eq!(
            Shard::from_env(None, &env(&v)).unwrap(),
            Shard { index: 2, count: 2 }
        );
        let v = [("JOB_COMPLETION_INDEX", "2"), ("DEVOCAST_SHARDS", "2")];
        assert!(Shard::from_env(None, &env(&v)).is_err());
    }

    #[test]
    fn the_command_line_resolves_to_a_shard_or_none() {
        let r = |shard: Option<&str>, shards: Option<usize>, v: &[(&str, &str)]| {
            Shard::resolve(shard, shards, &env(v))
        };
        // No --shard: the whole podcast, whatever the environment holds.
        let k8s = [("JOB_COMPLETION_INDEX", "0"), ("DEVOCAST_SHARDS", "x")];
        assert_eq!(r(None, None, &k8s).unwrap(), None);
        // K/N is taken as written, and the environment is not consulted.
        assert_eq!(
            r(Some("3/7"), None, &k8s).unwrap(),
            Some(Shard { index: 3, count: 7 })
        );
        // --shards belongs to `auto` only.
        let msg = r(Some("2/3"), Some(3), &[]).unwrap_err().to_string();
        assert!(
            msg.contains("--shards goes with `--shard auto`") && msg.contains("`--shard 2/3`"),
            "{msg}"
        );
        let msg = r(Some("9"), None, &[]).unwrap_err().to_string();
        assert!(msg.contains("expected K/N"), "{msg}");
    }

    #[test]
    fn auto_takes_the_number_of_parts_from_shards_or_devocast_shards() {
        let r = |shards: Option<usize>, v: &[(&str, &str)]| {
            Shard::resolve(Some("auto"), shards, &env(v))
        };
        let s = |index, count| Some(Shard { index, count });
        // DEVOCAST_SHARDS, spaces around it allowed.
        let v = [("JOB_COMPLETION_INDEX", "2"), ("DEVOCAST_SHARDS", " 6 ")];
        assert_eq!(r(None, &v).unwrap(), s(3, 6));
        // --shards wins over DEVOCAST_SHARDS, which is then not even read.
        let v = [
            ("JOB_COMPLETION_INDEX", "2"),
            ("DEVOCAST_SHARDS", "not a number"),
        ];
        assert_eq!(r(Some(4), &v).unwrap(), s(3, 4));
        // A DEVOCAST_SHARDS that is not a number is named, with its value.
        let msg = r(None, &v).unwrap_err().to_string();
        assert_eq!(
            msg,
            "DEVOCAST_SHARDS=\"not a number\" is not a whole number"
        );
        let v = [("JOB_COMPLETION_INDEX", "0"), ("DEVOCAST_SHARDS", "-2")];
        assert!(r(None, &v).unwrap_err().to_string().contains("\"-2\""));
        // Blank is unset: the count is then missing.
        let v = [("JOB_COMPLETION_INDEX", "0"), ("DEVOCAST_SHARDS", "  ")];
        let msg = r(None, &v).unwrap_err().to_string();
        assert!(msg.contains("number of shards is not known"), "{msg}");
        // Zero parts, or an index past them, is refused.
        let v = [("JOB_COMPLETION_INDEX", "0"), ("DEVOCAST_SHARDS", "0")];
        assert!(r(None, &v).is_err());
        let v = [("JOB_COMPLETION_INDEX", "5"), ("DEVOCAST_SHARDS", "5")];
        assert!(r(None, &v).is_err());
        // In a Slurm array, DEVOCAST_SHARDS must agree with the array's size.
        let slurm = |n: &'static str| {
            [
                ("SLURM_ARRAY_TASK_ID", "1"),
                ("SLURM_ARRAY_TASK_MIN", "0"),
                ("SLURM_ARRAY_TASK_COUNT", "2"),
                ("DEVOCAST_SHARDS", n),
            ]
        };
        assert_eq!(r(None, &slurm("2")).unwrap(), s(2, 2));
        let msg = r(None, &slurm("3")).unwrap_err().to_string();
        assert!(
            msg.contains("disagrees with the job array's 2 tasks"),
            "{msg}"
        );
        assert!(r(None, &slurm("two")).is_err());
    }

    #[test]
    fn no_engine_is_a_clear_error() {
        let msg = Shard::from_env(None, &env(&[])).unwrap_err().to_string();
        assert!(
            msg.contains("SLURM_ARRAY_TASK_ID") && msg.contains("JOB_COMPLETION_INDEX"),
            "{msg}"
        );
    }

    #[test]
    fn assignment_balances_work_and_ignores_order() {
        let items: Vec<(PathBuf, u64)> = [90, 10, 10, 10, 10, 10, 10, 10, 10, 10, 50, 40]
            .iter()
            .enumerate()
            .map(|(i, w)| (PathBuf::from(format!("e/{i:02}.md")), *w))
            .collect();
        let parts = assign(&items, 3);
        let mut load = [0u64; 3];
        for (i, p) in parts.iter().enumerate() {
            load[*p] += items[i].1;
        }
        // 280 in all: by count the parts would be 4, 4, 4 articles and 140/60/80; by work
        // they are within one small article of each other.
        assert!(
            load.iter().max().unwrap() - load.iter().min().unwrap() <= 10,
            "{load:?}"
        );
        // The same items in any order get the same parts.
        let mut rev = items.clone();
        rev.reverse();
        let rparts = assign(&rev, 3);
        for (i, item) in rev.iter().enumerate() {
            let j = items.iter().position(|x| x.0 == item.0).unwrap();
            assert_eq!(rparts[i], parts[j]);
        }
        // Equal weights spread by name; more shards than items leaves some empty.
        let same: Vec<(PathBuf, u64)> =
            (0..4).map(|i| (PathBuf::from(format!("{i}")), 5)).collect();
        assert_eq!(assign(&same, 2), vec![0, 1, 0, 1]);
        assert_eq!(assign(&same, 6), vec![0, 1, 2, 3]);
    }
}
