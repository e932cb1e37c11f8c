//! The podcast's cover: the configured image, checked, or one devocast draws with the
//! podcast's title (kept in the state folder so a no-op build does not draw it again); and
//! a small JPEG of it for the MP3s' tags.

use crate::config::Config;
use crate::fsutil::write_atomic;
use crate::project::layout::Layout;
use crate::publish::cover;
use anyhow::{Context, Result};

/// The cover as published and embedded in the MP3s.
pub struct Cover {
    /// File name in the output folder.
    pub file_name: String,
    /// MIME type.
    pub mime: String,
    /// The image.
    pub bytes: Vec<u8>,
    /// What the MP3s carry: MIME type and bytes (a small JPEG).
    pub embedded: (String, Vec<u8>),
}

impl Cover {
    /// The configured image (a square PNG or JPEG of 1400–3000 px), or the drawn one.
    pub fn load(layout: &Layout, config: &Config) -> Result<Cover> {
        match &config.podcast.image {
            Some(image) => {
                let src = layout.root.join(image);
                let bytes = crate::fsutil::read_limited(&src, crate::config::MAX_IMAGE_BYTES)
                    .context("podcast.image in devocast.toml")?;
                let (mime, ext, (w, h)) = cover::inspect(&bytes)
                    .with_context(|| format!("the podcast image `{}`", src.display()))?;
                if w != h || !(1400..=3000).contains(&w) {
                    anyhow::bail!(
                        "the podcast image `{}` is {w}×{h}: podcast apps need a square image of 1400–3000 pixels",
                        src.display()
                    );
                }
                // A JPEG travels as it is if it is small; a PNG is shrunk to a JPEG.
                let embedded = if mime == "image/jpeg" {
                    ("image/jpeg".to_string(), bytes.clone())
                } else {
                    let img = cover::decode_png(&bytes)
                        .with_context(|| format!("the podcast image `{}`", src.display()))?;
                    ("image/jpeg".to_string(), cover::embed_jpeg(&img)?)
                };
                Ok(Cover {
                    file_name: format!("cover.{ext}"),
                    mime: mime.into(),
                    bytes,
                    embedded,
                })
            }
            None => {
                let (png, jpeg) = generated(layout, &config.podcast.title)?;
                Ok(Cover {
                    file_name: "cover.png".into(),
                    mime: "image/png".into(),
                    bytes: png,
                    embedded: ("image/jpeg".into(), jpeg),
                })
            }
        }
    }
}

/// The drawn cover (PNG) and its JPEG, cached per devocast version and title.
fn generated(layout: &Layout, title: &str) -> Result<(Vec<u8>, Vec<u8>)> {
    let key = blake3::hash(title.as_bytes()).to_hex();
    let stem = format!("cover-{}-{}", env!("CARGO_PKG_VERSION"), &key[..12]);
    let (png_path, jpg_path) = (
        layout.state.join(format!("{stem}.png")),
        layout.state.join(format!("{stem}.jpg")),
    );
    if let (Ok(p), Ok(j)) = (std::fs::read(&png_path), std::fs::read(&jpg_path)) {
        if cover::inspect(&p).is_ok() && cover::inspect(&j).is_ok() {
            return Ok((p, j));
        }
    }
    let img = cover::draw(title);
    let (p, j) = (cover::png(&img)?, cover::embed_jpeg(&img)?);
    write_atomic(&png_path, &p)?;
    write_atomic(&jpg_path, &j)?;
    Ok((p, j))
}
