//! A letter's closing at the end of an article: a valediction ("Grace and peace,", "In
//! Christ,", "Yours in His service,") and then the writer's name, role and church on short
//! lines of their own. Plain text has no markup to say so, and those lines look like
//! headings; found here, they are read as one block of lines, never as chapters.

/// Valedictions, in lower case without their closing punctuation.
const VALEDICTIONS: &[&str] = &[
    "grace and peace",
    "grace and peace to you",
    "peace",
    "shalom",
    "blessings",
    "many blessings",
    "rich blessings",
    "every blessing",
    "god bless",
    "god bless you",
    "in christ",
    "in him",
    "in his love",
    "in his grace",
    "in his name",
    "in his service",
    "in his grip",
    "in the lord",
    "in our lord",
    "in jesus",
    "in jesus' name",
    "in christ's love",
    "in christ alone",
    "yours in christ",
    "yours in him",
    "yours in his service",
    "yours in the lord",
    "your brother in christ",
    "your sister in christ",
    "your servant",
    "your servant in christ",
    "his servant",
    "with love",
    "with love in christ",
    "love",
    "love in christ",
    "much love",
    "with gratitude",
    "with thanks",
    "with prayers",
    "praying for you",
    "prayerfully",
    "sincerely",
    "sincerely yours",
    "sincerely in christ",
    "yours truly",
    "yours faithfully",
    "faithfully",
    "warmly",
    "warmly in christ",
    "for his glory",
    "to god be the glory",
    "serving together",
    "until next time",
];

/// Words standing alone on a line that close a prayer, not a name.
const NOT_NAMES: &[&str] = &["amen", "hallelujah", "alleluia", "selah", "maranatha"];

/// Most name, role and place lines under a valediction.
const MAX_NAME_LINES: usize = 4;

/// Which of an article's lines are its closing (empty lines are skipped): from its
/// valediction through its last name line, when one to four name lines follow the
/// valediction and then the end of the article or a postscript ("P.S. …").
pub fn closing(lines: &[&str]) -> Option<std::ops::Range<usize>> {
    let text: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (i, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let end = text
        .iter()
        .position(|(_, l)| is_postscript(l))
        .unwrap_or(text.len());
    // The valediction is the line before the last one to four name lines.
    (1..=MAX_NAME_LINES.min(end)).rev().find_map(|names| {
        let v = end.checked_sub(names + 1)?;
        let all_names = text[v + 1..end].iter().all(|(_, l)| is_name_line(l));
        (all_names && is_valediction(text[v].1)).then(|| text[v].0..text[end - 1].0 + 1)
    })
}

/// "Grace and peace,", "In Christ", "Yours in His service," — or any short line ending in a
/// comma that starts with a capital ("Walking with you,").
pub fn is_valediction(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let bare = line
        .trim_end_matches([',', '.', '!', '—', '–', '-', ' '])
        .replace('’', "'")
        .to_lowercase();
    let listed = VALEDICTIONS.contains(&bare.as_str());
    let comma_closing = line.ends_with(',')
        && words <= 6
        && line.starts_with(char::is_uppercase)
        && !line[..line.len() - 1].contains(['.', '!', '?', ';', ':']);
    words <= 8 && (listed || comma_closing)
}

/// A name, role, church or place: short, starting with a capital or a digit, and no
/// sentence ("Pastor Ana Ruiz", "Hope Fellowship Church", "Elder, Grace Chapel", "Jon Day Jr.").
fn is_name_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let last = words.last().copied().unwrap_or("");
    // A final period belongs to an abbreviation ("Jr.", "St."), never to a sentence.
    let period_ok = !line.ends_with('.') || last.trim_end_matches('.').chars().count() <= 3;
    (1..=8).contains(&words.len())
        && line.chars().count() <= 60
        && line.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !line.ends_with(['!', '?', ':', ';', ','])
        && period_ok
        && !line.contains(" / ")
        && !["- ", "* ", "# ", "> "].iter().any(|m| line.starts_with(m))
        && !NOT_NAMES.contains(&line.trim_end_matches(['.', '!']).to_lowercase().as_str())
}

fn is_postscript(line: &str) -> bool {
    ["P.S.", "PS:", "P.S:", "PS.", "P. S."]
        .iter()
        .any(|p| line.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closings_are_found_at_the_end() {
        assert_eq!(
            closing(&["x.", "In Christ,", "", "Tom", "", "P.S. Come."]),
            Some(1..4)
        );
        let cases: &[(&[&str], Option<usize>)] = &[
            (
                &[
                    "He keeps us.",
                    "Grace and peace,",
                    "Pastor Ana Ruiz",
                    "Hope Fellowship Church",
                ],
                Some(1),
            ),
            (&["Amen.", "In Christ,", "", "Brother Tom"], Some(1)),
            (&["Amen.", "Blessings!", "Ruth"], Some(1)),
            (
                &[
                    "Yours in His service,",
                    "Rev. Dr. John K. Smith",
                    "Senior Pastor",
                    "First Church",
                    "Dayton, Ohio",
                ],
                Some(0),
            ),
            (
                &["Your brother in Christ,", "Sam", "P.S. Join us Sunday."],
                Some(0),
            ),
            (&["Walking with you,", "Maria"], Some(0)),
            // Not closings: a heading and prose, a valediction with no name, a sentence.
            (&["Grace and Peace in Christ", "He is here."], None),
            (&["We rest.", "Blessings,"], None),
            (&["Blessings,", "We will meet again next week."], None),
            (&["Thank You Lord,", "Amen"], None),
            (&["The Lord is near.", "Our Daily Bread"], None),
        ];
        for (lines, want) in cases {
            assert_eq!(closing(lines).map(|r| r.start), *want, "{lines:?}");
        }
    }
}
