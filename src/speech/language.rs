//! What reading differs by language, behind one trait: each language is a module of its own
//! (`en`, `es`) that implements [`Language`] with its tables and token rules, and the shared
//! machinery (the sentence splitter's loop, the Bible reference parser, the hymn finder, the
//! reading pipeline in [`super::normalize`], the lexicon) takes them from it.

use super::bible::Scripture;
use super::hymn;
use super::lexicon::Lexicon;

/// One language's reading rules.
pub trait Language: Sync + Send {
    /// The BCP 47 primary language subtag: "en", "es".
    fn tag(&self) -> &'static str;

    /// The language's name in English, for messages: "English", "Spanish".
    fn name(&self) -> &'static str;

    /// Whether a period at the end of `word` ends its sentence, given the words of the
    /// sentence before it and the next word ("Feb. 14", "Dr. Lee" and "Sr. López" do not).
    fn period_ends_sentence(&self, word: &str, before: &[&str], next: Option<&str>) -> bool;

    /// Marks that may open a sentence before its first letter or quote: "¿" and "¡" in
    /// Spanish.
    fn sentence_openers(&self) -> &'static [char] {
        &[]
    }

    /// Whether an ellipsis ("..." or "…") before a capital ends its sentence, as in Spanish
    /// ("Esperé... Y Dios respondió."); English keeps the two together.
    fn ellipsis_ends_sentence(&self) -> bool {
        false
    }

    /// Days and months between which a dash is read as a span, and the word for it.
    fn spans(&self) -> &'static Spans;

    /// A date as the language writes it in prose, for the announcement: "February 25, 2026",
    /// "25 de febrero de 2026".
    fn date(&self, date: chrono::NaiveDate) -> String;

    /// A whole number in words, as it is said on its own ("twenty-one", "veintiuno").
    fn cardinal(&self, n: u64) -> String;

    /// Book names and the words references are said with.
    fn scripture(&self) -> &'static Scripture;

    /// The words hymn citations are made of.
    fn hymn_words(&self) -> &'static hymn::Words;

    /// A hymn's number as hymnals in this language say it.
    fn hymn_number(&self, n: u32) -> String {
        self.cardinal(n.into())
    }

    /// Phone numbers read in digit groups, before any rule reads their parts as amounts.
    fn phone_numbers(&self, text: &str) -> String;

    /// Every token of a sentence read by the language's rules: abbreviations, initials,
    /// numbers, dates, times, money, ordinals, Roman numerals, symbols and capitals.
    fn words(&self, text: &str, lexicon: &Lexicon) -> String;
}

/// Days and months between which a dash is read as a span ("Mon.–Fri.", "lunes–viernes").
#[derive(Debug)]
pub struct Spans {
    /// The names and their short forms, in lower case without a period.
    pub names: &'static [&'static str],
    /// Whether a name counts only capitalised ("May" the month, not "may" the verb).
    pub capitalised: bool,
    /// What the dash is read as, with its spaces: " through ".
    pub word: &'static str,
    /// Endings a number may carry before a range dash ("25a–27", "1st–3rd").
    pub number_endings: &'static [&'static str],
}
