//! How deep a post's markup nests, measured before it is parsed: a post nested deeper than
//! [`MAX_NESTING`] is not read at all.

/// A post nested deeper than this (by [`nesting_depth`]) is not read at all: parsing such
/// markup costs time that grows with the square of its depth.
pub const MAX_NESTING: usize = 1_000;

/// How deep a page's elements nest, counted in one pass over the markup (void and
/// self-closed elements do not count).
pub fn nesting_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    let mut next_gt: Option<usize> = None;
    // Open <svg> and <math> elements: only inside them does "/>" close an element.
    let mut foreign = 0usize;
    while let Some(k) = html[i..].find('<') {
        let at = i + k;
        i = at + 1;
        let closing = b.get(at + 1) == Some(&b'/');
        let start = at + 1 + usize::from(closing);
        if !b.get(start).is_some_and(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        let name_end = html[start..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(html.len(), |e| start + e);
        let name = html[start..name_end].to_ascii_lowercase();
        // Void elements, and those HTML lets stand unclosed, do not nest.
        let flat = matches!(
            name.as_str(),
            "br" | "img"
                | "hr"
                | "input"
                | "meta"
                | "link"
                | "source"
                | "wbr"
                | "area"
                | "col"
                | "embed"
                | "track"
                | "p"
                | "li"
        );
        if flat {
            continue;
        }
        let is_foreign_root = matches!(name.as_str(), "svg" | "math");
        if closing {
            depth = depth.saturating_sub(1);
            if is_foreign_root {
                foreign = foreign.saturating_sub(1);
            }
            continue;
        }
        // The next '>' is found once and reused until passed: a page of '<' with no '>'
        // stays one pass.
        let gt = match next_gt {
            Some(g) if g >= at => g,
            _ => {
                let g = html[at..].find('>').map_or(html.len(), |e| at + e);
                next_gt = Some(g);
                g
            }
        };
        // HTML ignores "/>" (`<div/>` and `<kbd/>` open elements, as do unknown names);
        // only SVG and MathML close themselves that way. An `<a name=x/>` (old exports'
        // anchors) is left open, but the next `<a>` closes it, so anchors never pile up.
        let self_closed =
            html[..gt].ends_with('/') && (foreign > 0 || is_foreign_root || name == "a");
        if !self_closed {
            depth += 1;
            max = max.max(depth);
            if is_foreign_root {
                foreign += 1;
            }
        }
    }
    max
}
