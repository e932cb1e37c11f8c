//! The word-level reading loop every language shares: each token of a sentence, seen with its
//! neighbours, is read by the first of the language's rules that knows it; a rule may take
//! several tokens at once ("et al.", "a. m.").

use super::token::split_token;

/// A token as a rule sees it: itself split from its punctuation, and its neighbours.
pub struct At<'a> {
    /// Every token of the sentence.
    pub tokens: &'a [&'a str],
    /// This token's index.
    pub i: usize,
    /// Opening punctuation ("(", "\"").
    pub lead: &'a str,
    /// The word itself, with a final period.
    pub core: &'a str,
    /// Closing punctuation.
    pub trail: &'a str,
    /// The token before, as written.
    pub prev: Option<&'a str>,
    /// The token after, as written.
    pub next: Option<&'a str>,
    /// The word said just before: rules that depend on it agree with a second reading.
    pub said_before: Option<&'a str>,
}

impl<'a> At<'a> {
    fn new(tokens: &'a [&'a str], i: usize, said_before: Option<&'a str>) -> At<'a> {
        let (lead, core, trail) = split_token(tokens[i]);
        At {
            tokens,
            i,
            lead,
            core,
            trail,
            prev: i.checked_sub(1).map(|p| tokens[p]),
            next: tokens.get(i + 1).copied(),
            said_before: said_before.map(|w| split_token(w).1),
        }
    }

    /// The token `k` places on, if any.
    pub fn ahead(&self, k: usize) -> Option<&'a str> {
        self.tokens.get(self.i + k).copied()
    }

    /// `said` in place of `used` tokens from here, with the lead of the first and the trail
    /// of the last. A sentence-final abbreviation keeps its period, which is also the
    /// sentence's.
    pub fn put(&self, said: &str, used: usize, period: bool) -> (String, usize) {
        let (_, _, trail) = split_token(self.tokens[self.i + used - 1]);
        let last = self.i + used == self.tokens.len();
        let stop = if period && last && trail.is_empty() && !said.ends_with('.') {
            "."
        } else {
            ""
        };
        (format!("{}{said}{stop}{trail}", self.lead), used)
    }
}

/// What a rule read: the words and the tokens it used; `None` when it does not apply.
pub type Read = Option<(String, usize)>;

/// Reads every token of `text` (split on spaces) with `read`, which returns the words for the
/// token at hand and how many tokens they stand for; empty words are left out.
pub fn read_tokens(text: &str, read: impl Fn(&At) -> (String, usize)) -> String {
    let tokens: Vec<&str> = text.split(' ').filter(|t| !t.is_empty()).collect();
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let at = At::new(&tokens, i, out.last().map(String::as_str));
        let (said, used) = read(&at);
        if !said.is_empty() {
            out.push(said);
        }
        // A rule always uses its token, so the loop ends.
        i += used.max(1);
    }
    out.join(" ")
}
