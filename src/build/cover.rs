//! The podcast's cover: the configured image, checked, or one devocast draws (kept in the
//! state folder so a no-op build does not draw it again).

use super::layout::Layout;
use crate::config::Config;
use crate::fsutil::write_atomic;
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
}

impl Cover {
    /// The configured image (a square PNG or JPEG of 1400–3000 px), or the drawn one.
    pub fn load(layout: &Layout, config: &Config) -> Result<Cover> {
        match &config.podcast.image {
            Some(image) => {
                let src = layout.root.join(image);
                let bytes =
                    crate::fsutil::read(&src).context("the podcast image in devocast.toml")?;
                let (mime, ext, (w, h)) = cover::inspect(&bytes)
                    .with_context(|| format!("the podcast image `{}`", src.display()))?;
                if w != h || !(1400..=3000).contains(&w) {
                    anyhow::bail!(
                        "the podcast image `{}` is {w}×{h}: podcast apps need a square image of 1400–3000 pixels",
                        src.display()
                    );
                }
                Ok(Cover {
                    file_name: format!("cover.{ext}"),
                    mime: mime.into(),
                    bytes,
                })
            }
            None => Ok(Cover {
                file_name: "cover.png".into(),
                mime: "image/png".into(),
                bytes: generated(layout)?,
            }),
        }
    }
}

/// The drawn cover, cached per devocast version.
fn generated(layout: &Layout) -> Result<Vec<u8>> {
    let path = layout
        .state
        .join(format!("cover-{}.png", env!("CARGO_PKG_VERSION")));
    if let Ok(bytes) = std::fs::read(&path) {
        if cover::inspect(&bytes).is_ok() {
            return Ok(bytes);
        }
    }
    let bytes = cover::generate()?;
    write_atomic(&path, &bytes)?;
    Ok(bytes)
}
