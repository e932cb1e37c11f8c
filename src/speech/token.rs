//! A written token split from the punctuation around it.

/// Splits opening punctuation, the word, and closing punctuation (a final period stays
/// with the word, where abbreviations need it).
pub fn split_token(tok: &str) -> (&str, &str, &str) {
    let lead_len = tok.len()
        - tok
            .trim_start_matches(['(', '[', '"', '\'', '!', '?', ',', ';', ':', '¿', '¡'])
            .len();
    let (lead, rest) = tok.split_at(lead_len);
    let closers = [')', ']', '"', '\'', ',', ';', ':', '!', '?'];
    let mut core_len = rest.trim_end_matches(closers).len();
    // A period before closing marks ("2024).", "etc.)") is the word's, and so are the
    // closers after it: "2024)." is the number, then ")."; an ellipsis stays whole.
    let body = &rest[..core_len];
    if body.ends_with('.') && !body.ends_with("..") {
        let inner = body[..body.len() - 1].trim_end_matches(closers).len();
        if inner < body.len() - 1 && !body[..inner].is_empty() {
            core_len = inner;
        }
    }
    let (core, trail) = rest.split_at(core_len);
    (lead, core, trail)
}
