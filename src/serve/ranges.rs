//! Byte ranges (RFC 9110 §14): which parts of a file a `Range` header asks for.

/// Ranges beyond this many in one request are ignored (the whole file is sent), so a
/// request cannot make the server assemble thousands of parts.
const MAX_RANGES: usize = 16;

/// What a `Range` header asks of a file of `len` bytes, per RFC 9110 §14.
#[derive(Debug, PartialEq, Eq)]
pub enum Ranges {
    /// No usable Range header: send the whole file (200).
    Whole,
    /// These inclusive byte ranges, sorted, merged where they touch (206).
    Parts(Vec<(u64, u64)>),
    /// Well-formed, but no range overlaps the file (416).
    Unsatisfiable,
}

/// Parses a `Range` header against a length. A header that is malformed, names another
/// unit, or asks for more than `MAX_RANGES` (16) ranges is ignored, as RFC 9110 allows.
pub fn parse_ranges(header: Option<&str>, len: u64) -> Ranges {
    let Some(h) = header else {
        return Ranges::Whole;
    };
    let Some((unit, set)) = h.trim().split_once('=') else {
        return Ranges::Whole;
    };
    if !unit.trim().eq_ignore_ascii_case("bytes") {
        return Ranges::Whole;
    }
    let specs: Vec<&str> = set
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if specs.is_empty() || specs.len() > MAX_RANGES {
        return Ranges::Whole;
    }
    let mut parts: Vec<(u64, u64)> = Vec::new();
    for spec in specs {
        let Some((a, b)) = spec.split_once('-') else {
            return Ranges::Whole;
        };
        let (a, b) = (a.trim(), b.trim());
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
        if a.is_empty() {
            // A suffix: the last n bytes.
            if !digits(b) {
                return Ranges::Whole;
            }
            let Ok(n) = b.parse::<u64>() else {
                return Ranges::Whole;
            };
            if n > 0 && len > 0 {
                parts.push((len.saturating_sub(n), len - 1));
            }
        } else {
            if !digits(a) || !(b.is_empty() || digits(b)) {
                return Ranges::Whole;
            }
            let Ok(first) = a.parse::<u64>() else {
                return Ranges::Whole;
            };
            let last = if b.is_empty() {
                u64::MAX
            } else {
                // Larger than any u64 (all digits, checked above): as good as "to the end".
                b.parse::<u64>().unwrap_or(u64::MAX)
            };
            if last < first {
                return Ranges::Whole;
            }
            if first < len {
                parts.push((first, last.min(len - 1)));
            }
        }
    }
    if parts.is_empty() {
        return Ranges::Unsatisfiable;
    }
    parts.sort_unstable();
    let mut merged: Vec<(u64, u64)> = Vec::with_capacity(parts.len());
    for (a, b) in parts {
        match merged.last_mut() {
            Some((_, end)) if a <= end.saturating_add(1) => *end = (*end).max(b),
            _ => merged.push((a, b)),
        }
    }
    Ranges::Parts(merged)
}

/// Several ranges of a file as one `multipart/byteranges` body. The parts are few and bounded
/// by the file's size, so the body is assembled in memory.
pub(super) async fn multipart(
    mut file: tokio::fs::File,
    parts: &[(u64, u64)],
    content_type: &str,
    len: u64,
    boundary: &str,
) -> std::io::Result<Vec<u8>> {
    use tokio::io::{AsyncReadExt, AsyncSeekExt};
    let mut body = Vec::new();
    for &(a, b) in parts {
        body.extend_from_slice(
            format!(
                "\r\n--{boundary}\r\nContent-Type: {content_type}\r\nContent-Range: bytes {a}-{b}/{len}\r\n\r\n"
            )
            .as_bytes(),
        );
        file.seek(std::io::SeekFrom::Start(a)).await?;
        let mut chunk = vec![0u8; (b - a + 1) as usize];
        file.read_exact(&mut chunk).await?;
        body.extend_from_slice(&chunk);
    }
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_follow_rfc_9110() {
        let p = |h: &str| parse_ranges(Some(h), 100);
        assert_eq!(parse_ranges(None, 100), Ranges::Whole);
        assert_eq!(p("bytes=0-9"), Ranges::Parts(vec![(0, 9)]));
        assert_eq!(p("bytes=90-"), Ranges::Parts(vec![(90, 99)]));
        assert_eq!(p("bytes=-10"), Ranges::Parts(vec![(90, 99)]));
        assert_eq!(p("bytes=-1000"), Ranges::Parts(vec![(0, 99)]));
        // A last position past the end is trimmed, however large.
        assert_eq!(p("bytes=50-500"), Ranges::Parts(vec![(50, 99)]));
        assert_eq!(
            p("bytes=50-99999999999999999999999"),
            Ranges::Parts(vec![(50, 99)])
        );
        assert_eq!(p("BYTES = 0-0"), Ranges::Parts(vec![(0, 0)]));
        // Several ranges, merged where they overlap or touch, in order.
        assert_eq!(
            p("bytes=60-69, 0-9,10-19 ,65-80"),
            Ranges::Parts(vec![(0, 19), (60, 80)])
        );
        // Nothing overlapping the file: 416.
        for h in ["bytes=100-", "bytes=200-300", "bytes=-0", "bytes=100-,150-"] {
            assert_eq!(p(h), Ranges::Unsatisfiable, "{h}");
        }
        // Malformed or another unit: ignored (the whole file).
        for h in [
            "items=0-1",
            "bytes=5-2",
            "bytes=x-y",
            "bytes",
            "bytes=",
            "bytes=1-2-3",
            "bytes=--1",
            "bytes=+1-2",
        ] {
            assert_eq!(p(h), Ranges::Whole, "{h}");
        }
        let many = format!(
            "bytes={}",
            (0..20)
                .map(|i| format!("{}-{}", i * 3, i * 3))
                .collect::<Vec<_>>()
                .join(",")
        );
        assert_eq!(p(&many), Ranges::Whole);
        assert_eq!(parse_ranges(Some("bytes=0-0"), 0), Ranges::Unsatisfiable);
    }
}
