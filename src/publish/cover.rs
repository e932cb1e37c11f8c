//! A generated cover image for podcasts that supply none: a 1400×1400 PNG (the smallest size
//! Apple accepts), drawn deterministically so rebuilds give the same bytes.

use anyhow::{Context, Result};

/// Side of the generated square image in pixels.
pub const SIZE: u32 = 1400;

/// Draws the default cover: a deep blue field with a warm dawn glow and a light cross.
pub fn generate() -> Result<Vec<u8>> {
    let n = SIZE as usize;
    let mut rgb = vec![0u8; n * n * 3];
    let c = n as f32 / 2.0;
    for y in 0..n {
        for x in 0..n {
            let fy = y as f32 / n as f32;
            // Sky from deep blue at the top to warm gold at the horizon.
            let glow =
                ((x as f32 - c).powi(2) + (y as f32 - n as f32 * 0.8).powi(2)).sqrt() / n as f32;
            let warm = (1.0 - glow * 1.6).clamp(0.0, 1.0);
            let mut r = 20.0 + 40.0 * fy + 200.0 * warm;
            let mut g = 30.0 + 40.0 * fy + 140.0 * warm;
            let mut b = 80.0 + 30.0 * fy + 30.0 * warm;
            let in_vertical = (x as f32 - c).abs() < n as f32 * 0.035 && fy > 0.18 && fy < 0.78;
            let in_horizontal = (y as f32 - n as f32 * 0.38).abs() < n as f32 * 0.035
                && (x as f32 - c).abs() < n as f32 * 0.2;
            if in_vertical || in_horizontal {
                r = 250.0;
                g = 244.0;
                b = 225.0;
            }
            let i = (y * n + x) * 3;
            rgb[i] = r.min(255.0) as u8;
            rgb[i + 1] = g.min(255.0) as u8;
            rgb[i + 2] = b.min(255.0) as u8;
        }
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, SIZE, SIZE);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Default);
        let mut w = enc.write_header().context("PNG header")?;
        w.write_image_data(&rgb).context("PNG data")?;
    }
    Ok(out)
}

/// MIME type, file extension and size of a PNG or JPEG image.
pub fn inspect(bytes: &[u8]) -> Result<(&'static str, &'static str, (u32, u32))> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() >= 24 {
        let w = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
        let h = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
        return Ok(("image/png", "png", (w, h)));
    }
    if bytes.starts_with(&[0xFF, 0xD8]) {
        // Walk the JPEG segments to the start-of-frame marker, which holds the size.
        let mut i = 2;
        while i + 9 < bytes.len() {
            if bytes[i] != 0xFF {
                break;
            }
            let marker = bytes[i + 1];
            let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
            if matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF) {
                let h = u32::from(u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]));
                let w = u32::from(u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]));
                return Ok(("image/jpeg", "jpg", (w, h)));
            }
            i += 2 + len;
        }
        anyhow::bail!("a JPEG without a readable size");
    }
    anyhow::bail!("not a PNG or JPEG image")
}

#[cfg(test)]
mod tests {
    #[test]
    fn cover_is_a_square_png_of_apple_size() {
        let bytes = super::generate().unwrap();
        let dec = png::Decoder::new(std::io::Cursor::new(&bytes));
        let reader = dec.read_info().unwrap();
        let info = reader.info();
        assert_eq!((info.width, info.height), (1400, 1400));
        assert!(bytes.len() < 512 * 1024, "cover is {} bytes", bytes.len());
        assert_eq!(
            super::inspect(&bytes).unwrap(),
            ("image/png", "png", (1400, 1400))
        );
        assert!(super::inspect(b"GIF89a").is_err());
    }
}
