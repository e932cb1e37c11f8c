//! Cover art: a generated 1400×1400 PNG for podcasts that supply none (the smallest size
//! Apple accepts), with the podcast's title drawn on it in DejaVu Serif, drawn
//! deterministically so rebuilds give the same bytes; and a small JPEG of whichever cover is
//! used, for the MP3s' tags (a full-size PNG would be a tenth of every download).

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use anyhow::{anyhow, Context, Result};

/// Side of the generated square image in pixels.
pub const SIZE: u32 = 1400;

/// Side of the JPEG embedded in every MP3, pixels.
pub const EMBED_SIZE: u32 = 600;

/// An RGB image.
pub struct Rgb {
    /// Width and height in pixels (square covers: equal).
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// Row-major RGB bytes.
    pub pixels: Vec<u8>,
}

/// Splits a title into lines that fit `width` pixels at `scale`.
fn wrap<F: Font>(font: &impl ScaleFont<F>, title: &str, width: f32) -> Vec<String> {
    let measure = |s: &str| -> f32 {
        let mut w = 0.0;
        let mut prev = None;
        for c in s.chars() {
            let id = font.glyph_id(c);
            if let Some(p) = prev {
                w += font.kern(p, id);
            }
            w += font.h_advance(id);
            prev = Some(id);
        }
        w
    };
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in title.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if measure(&candidate) > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Draws `title` centred in the band `top..bottom`, as large as fits in three lines.
fn draw_title(img: &mut Rgb, title: &str, top: f32, bottom: f32) {
    let Ok(font) = FontRef::try_from_slice(dejavu::serif::bold()) else {
        return;
    };
    let n = img.width as f32;
    let margin = n * 0.08;
    let (mut size, mut lines) = (n * 0.11, Vec::new());
    while size > n * 0.035 {
        let scaled = font.as_scaled(PxScale::from(size));
        lines = wrap(&scaled, title, n - 2.0 * margin);
        let fits_width = lines.iter().all(|l| {
            l.chars()
                .map(|c| scaled.h_advance(scaled.glyph_id(c)))
                .sum::<f32>()
                <= n - 2.0 * margin
        });
        if lines.len() <= 3 && fits_width && lines.len() as f32 * size * 1.2 <= bottom - top {
            break;
        }
        size *= 0.9;
    }
    let scaled = font.as_scaled(PxScale::from(size));
    let line_height = size * 1.2;
    let block = lines.len() as f32 * line_height;
    let mut baseline = top + (bottom - top - block) / 2.0 + scaled.ascent();
    for line in lines {
        let width: f32 = line
            .chars()
            .map(|c| scaled.h_advance(scaled.glyph_id(c)))
            .sum();
        let mut x = (n - width) / 2.0;
        let mut prev = None;
        for c in line.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = prev {
                x += scaled.kern(p, id);
            }
            let glyph =
                id.with_scale_and_position(PxScale::from(size), ab_glyph::point(x, baseline));
            x += scaled.h_advance(id);
            prev = Some(id);
            let Some(outline) = font.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            outline.draw(|gx, gy, coverage| {
                let px = bounds.min.x as i64 + i64::from(gx);
                let py = bounds.min.y as i64 + i64::from(gy);
                if px < 0 || py < 0 || px as usize >= img.width || py as usize >= img.height {
                    return;
                }
                let i = (py as usize * img.width + px as usize) * 3;
                // Warm white over the darkened band.
                for (k, ink) in [250.0f32, 244.0, 225.0].into_iter().enumerate() {
                    let old = f32::from(img.pixels[i + k]);
                    img.pixels[i + k] = (old + (ink - old) * coverage.clamp(0.0, 1.0)) as u8;
                }
            });
        }
        baseline += line_height;
    }
}

/// Draws the default cover: a deep blue field with a warm dawn glow, a light cross, and the
/// podcast's title on a dark band below.
pub fn draw(title: &str) -> Rgb {
    let n = SIZE as usize;
    let mut rgb = vec![0u8; n * n * 3];
    let c = n as f32 / 2.0;
    let band = (n as f32 * 0.66, n as f32);
    for y in 0..n {
        for x in 0..n {
            let fy = y as f32 / n as f32;
            // Sky from deep blue at the top to warm gold at the horizon.
            let glow =
                ((x as f32 - c).powi(2) + (y as f32 - n as f32 * 0.55).powi(2)).sqrt() / n as f32;
            let warm = (1.0 - glow * 1.8).clamp(0.0, 1.0);
            let mut r = 20.0 + 40.0 * fy + 200.0 * warm;
            let mut g = 30.0 + 40.0 * fy + 140.0 * warm;
            let mut b = 80.0 + 30.0 * fy + 30.0 * warm;
            let in_vertical = (x as f32 - c).abs() < n as f32 * 0.028 && fy > 0.1 && fy < 0.58;
            let in_horizontal = (y as f32 - n as f32 * 0.25).abs() < n as f32 * 0.028
                && (x as f32 - c).abs() < n as f32 * 0.16;
            if in_vertical || in_horizontal {
                r = 250.0;
                g = 244.0;
                b = 225.0;
            }
            // A dark band behind the title, so it reads at thumbnail size.
            if (y as f32) >= band.0 && (y as f32) < band.1 {
                r *= 0.28;
                g *= 0.28;
                b *= 0.32;
            }
            let i = (y * n + x) * 3;
            rgb[i] = r.min(255.0) as u8;
            rgb[i + 1] = g.min(255.0) as u8;
            rgb[i + 2] = b.min(255.0) as u8;
        }
    }
    let mut img = Rgb {
        width: n,
        height: n,
        pixels: rgb,
    };
    draw_title(
        &mut img,
        title,
        band.0 + n as f32 * 0.03,
        band.1 - n as f32 * 0.05,
    );
    img
}

/// The cover as PNG.
pub fn png(img: &Rgb) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, img.width as u32, img.height as u32);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Default);
        let mut w = enc.write_header().context("PNG header")?;
        w.write_image_data(&img.pixels).context("PNG data")?;
    }
    Ok(out)
}

/// Draws the default cover with `title` as PNG.
pub fn generate(title: &str) -> Result<Vec<u8>> {
    png(&draw(title))
}

/// Decodes a PNG into RGB (any bit depth, palette, grey or alpha; alpha is laid on white).
pub fn decode_png(bytes: &[u8]) -> Result<Rgb> {
    let mut dec = png::Decoder::new(std::io::Cursor::new(bytes));
    dec.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = dec.read_info().context("not a readable PNG")?;
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).context("not a readable PNG")?;
    let (w, h) = (info.width as usize, info.height as usize);
    let channels = info.color_type.samples();
    let mut pixels = Vec::with_capacity(w * h * 3);
    for px in buf[..w * h * channels].chunks_exact(channels) {
        let (rgb, alpha) = match channels {
            1 => ([px[0]; 3], 255),
            2 => ([px[0]; 3], px[1]),
            3 => ([px[0], px[1], px[2]], 255),
            _ => ([px[0], px[1], px[2]], px[3]),
        };
        let a = f32::from(alpha) / 255.0;
        pixels.extend(
            rgb.iter()
                .map(|&c| (f32::from(c) * a + 255.0 * (1.0 - a)) as u8),
        );
    }
    Ok(Rgb {
        width: w,
        height: h,
        pixels,
    })
}

/// Shrinks a square image to `side` pixels by averaging (box filter).
pub fn shrink(img: &Rgb, side: usize) -> Rgb {
    let mut pixels = vec![0u8; side * side * 3];
    for y in 0..side {
        let (y0, y1) = (
            y * img.height / side,
            ((y + 1) * img.height / side).max(y * img.height / side + 1),
        );
        for x in 0..side {
            let (x0, x1) = (
                x * img.width / side,
                ((x + 1) * img.width / side).max(x * img.width / side + 1),
            );
            let mut sum = [0u32; 3];
            for yy in y0..y1.min(img.height) {
                for xx in x0..x1.min(img.width) {
                    let i = (yy * img.width + xx) * 3;
                    for (k, total) in sum.iter_mut().enumerate() {
                        *total += u32::from(img.pixels[i + k]);
                    }
                }
            }
            let count = ((y1.min(img.height) - y0) * (x1.min(img.width) - x0)).max(1) as u32;
            let o = (y * side + x) * 3;
            for (k, total) in sum.iter().enumerate() {
                pixels[o + k] = (total / count) as u8;
            }
        }
    }
    Rgb {
        width: side,
        height: side,
        pixels,
    }
}

/// The JPEG embedded in the MP3s: the cover at [`EMBED_SIZE`] pixels, quality 85.
pub fn embed_jpeg(img: &Rgb) -> Result<Vec<u8>> {
    let small = shrink(img, EMBED_SIZE as usize);
    let mut out = Vec::new();
    let enc = jpeg_encoder::Encoder::new(&mut out, 85);
    enc.encode(
        &small.pixels,
        small.width as u16,
        small.height as u16,
        jpeg_encoder::ColorType::Rgb,
    )
    .map_err(|e| anyhow!("JPEG encoding failed: {e}"))?;
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
    use super::*;

    #[test]
    fn cover_is_a_square_png_of_apple_size_with_the_title_on_it() {
        let bytes = generate("Morning Manna").unwrap();
        assert_eq!(inspect(&bytes).unwrap(), ("image/png", "png", (1400, 1400)));
        assert!(bytes.len() < 600 * 1024, "cover is {} bytes", bytes.len());
        assert!(inspect(b"GIF89a").is_err());
        // The title is drawn: two titles give two covers, and the band holds light ink.
        let a = draw("Morning Manna");
        let b = draw("Evening Bread");
        assert_ne!(a.pixels, b.pixels);
        let n = a.width;
        let bright = (n * 70 / 100..n * 92 / 100)
            .flat_map(|y| (0..n).map(move |x| (y, x)))
            .filter(|&(y, x)| a.pixels[(y * n + x) * 3] > 200)
            .count();
        assert!(bright > 2000, "{bright} light pixels in the title band");
        // A very long title still fits (in smaller type).
        let long = draw(&"Grace upon grace ".repeat(8));
        assert_eq!(long.pixels.len(), n * n * 3);
    }

    #[test]
    fn the_embedded_cover_is_a_small_jpeg() {
        let img = draw("Morning Manna");
        let jpeg = embed_jpeg(&img).unwrap();
        assert_eq!(inspect(&jpeg).unwrap(), ("image/jpeg", "jpg", (600, 600)));
        assert!(jpeg.len() < 120 * 1024, "{} bytes", jpeg.len());
        let back = decode_png(&png(&img).unwrap()).unwrap();
        assert_eq!((back.width, back.pixels), (1400, img.pixels));
    }
}
