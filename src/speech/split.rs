//! Prose split into sentences, so every sentence can be timed: the loop is shared, and the
//! language says which periods end a sentence and which marks may open one.

use super::language::Language;

/// Splits prose into sentences at `.`, `!` or `?` followed by space, except after the
/// language's abbreviations ("Feb. 14", "Dr. Lee", "A.D. 70"), initials and inside
/// parentheses. The pieces joined with spaces give back the text (white space collapsed).
pub fn sentences_in(text: &str, language: &dyn Language) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut depth: i32 = 0;
    for (i, w) in words.iter().enumerate() {
        current.push(w);
        depth += w.matches('(').count() as i32 - w.matches(')').count() as i32;
        let before = &current[..current.len() - 1];
        if depth <= 0 && ends_sentence(w, before, words.get(i + 1), language) {
            out.push(current.join(" "));
            current.clear();
            depth = 0;
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

/// Whether `word` closes its sentence, given the words around it.
fn ends_sentence(
    word: &str,
    before: &[&str],
    next: Option<&&str>,
    language: &dyn Language,
) -> bool {
    let core = word.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    if core.ends_with("...") || core.ends_with('…') {
        return language.ellipsis_ends_sentence() && opens_sentence(next, language);
    }
    if !core.ends_with(['.', '!', '?']) {
        return false;
    }
    let core = core.trim_start_matches(['(', '"', '\'', '[', '“', '‘']);
    if core.ends_with('.') && core.len() > 1 {
        return language.period_ends_sentence(core, before, next.copied());
    }
    next.is_none_or(|n| opens_sentence(Some(n), language))
}

/// Whether `next` may open a sentence: a capital or a digit, after quotes and the language's
/// opening marks.
fn opens_sentence(next: Option<&&str>, language: &dyn Language) -> bool {
    next.is_some_and(|n| {
        n.trim_start_matches(['"', '\'', '“', '‘', '(', '['])
            .trim_start_matches(language.sentence_openers())
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speech::english;

    fn sentences(text: &str) -> Vec<String> {
        sentences_in(text, english())
    }

    #[test]
    fn abbreviations_do_not_split_sentences() {
        let s =
            sentences("According to Heb. 7 and Rom. 8, He prays. We (see 1 Pet. 1:3) live! Yes?");
        assert_eq!(
            s,
            vec![
                "According to Heb. 7 and Rom. 8, He prays.",
                "We (see 1 Pet. 1:3) live!",
                "Yes?"
            ]
        );
    }

    #[test]
    fn etc_ends_a_sentence_only_before_a_capital() {
        assert_eq!(sentences("a house, etc. What now?").len(), 2);
        assert_eq!(sentences("a house, etc. and more.").len(), 1);
    }

    #[test]
    fn full_book_names_can_end_a_sentence() {
        assert_eq!(
            sentences("It is in the Song of Songs. Ephesians says more.").len(),
            2
        );
        assert_eq!(
            sentences("spiritual songs. Ephesians says the same.").len(),
            2
        );
        assert_eq!(
            sentences("As in 1 Pet. 1:3 and Gal. 5:22-23: love.").len(),
            1
        );
    }

    #[test]
    fn sentences_keep_every_word() {
        let t = "One. Two three! (Four. Five.) Six? seven";
        assert_eq!(sentences(t).join(" "), t);
    }
}
