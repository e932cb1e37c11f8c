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
        enc.set_compression(png::Compression::Best);
        let mut w = enc.write_header().context("PNG header")?;
        w.write_image_data(&rgb).context("PNG data")?;
    }
    Ok(out)
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
    }
}
