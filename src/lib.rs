//! devocast turns a folder of devotional articles into a podcast, fully offline.
//!
//! Data flows one way through one module per stage:
//! `article` (files → [`article::Article`]) → `script` ([`script::Script`], read for the ear by
//! `speech`) → `voice` + `render` (PCM with sentence and chapter times) → `audio` (mixing,
//! loudness) → `encode` (WAV, MP3 with ID3 chapters) → `publish` (RSS feed, chapters JSON).
//! `build` strings the stages together for a whole podcast folder: plan → episodes →
//! publish.

pub mod article;
pub mod audio;
pub mod build;
pub mod cache;
pub mod check;
pub mod config;
pub mod deploy;
pub mod encode;
pub mod fsutil;
pub mod import;
pub mod lines;
pub mod net;
pub mod project;
pub mod publish;
pub mod render;
pub mod report;
pub mod sanitize;
pub mod scratch;
pub mod script;
pub mod serve;
pub mod speech;
pub mod text;
pub mod voice;
