//! Why something in a source is not imported, as data, worded in one place.

use crate::text::plural;
use chrono::NaiveDate;

/// Why an entry of a source does not become an article.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Skip {
    /// A reader's comment on a post.
    Comment,
    /// A post not yet published.
    Draft,
    /// A post to be published later.
    Scheduled,
    /// A post waiting for an editor.
    PendingReview,
    /// A post only its blog's members may read.
    Private,
    /// A post behind a password.
    PasswordProtected,
    /// A deleted post.
    Trash,
    /// A post whose status the importer does not know, as the source writes it.
    Status(String),
    /// Something that is not a post, by the name its source gives the kind ("page",
    /// "attachment", "nav menu item", Blogger's "settings").
    NotAPost(String),
    /// A post met a second time in the same source.
    Duplicate,
    /// Published before `--since`.
    Before(NaiveDate),
    /// In none of the categories asked for (as the producer wrote them).
    NotInCategories(Vec<String>),
    /// Left out by `--limit`.
    OlderThanLimit,
    /// Markup nested too deep to read.
    Unreadable,
    /// Nothing in it to read aloud (only pictures or media).
    NoText,
}

impl Skip {
    /// "1 draft", "3 posts in the trash", "2 before 2024-01-01": the count with its reason.
    pub fn describe(&self, count: usize) -> String {
        let (one, many) = self.words();
        plural(count, &one, &many)
    }

    /// The reason in the singular and the plural.
    pub(super) fn words(&self) -> (String, String) {
        let fixed = |s: &str| (s.to_string(), s.to_string());
        let two = |one: &str, many: &str| (one.to_string(), many.to_string());
        match self {
            Skip::Comment => two("comment", "comments"),
            Skip::Draft => two("draft", "drafts"),
            Skip::Scheduled => two("scheduled post", "scheduled posts"),
            Skip::PendingReview => two("post pending review", "posts pending review"),
            Skip::Private => two("private post", "private posts"),
            Skip::PasswordProtected => two("password-protected post", "password-protected posts"),
            Skip::Trash => two("post in the trash", "posts in the trash"),
            Skip::Status(s) => (
                format!("post with status {s}"),
                format!("posts with status {s}"),
            ),
            Skip::NotAPost(kind) => (kind.clone(), plural_of_kind(kind)),
            Skip::Duplicate => two("duplicate", "duplicates"),
            Skip::Before(day) => fixed(&format!("before {day}")),
            Skip::NotInCategories(c) => fixed(&format!("not in {}", c.join(" or "))),
            Skip::OlderThanLimit => fixed("older than the newest --limit"),
            Skip::Unreadable => two("post that cannot be read", "posts that cannot be read"),
            Skip::NoText => two("post without text", "posts without text"),
        }
    }
}

/// The plural of a kind named by the source, which can be any noun phrase: the noun takes
/// the plural, and it is the last word unless a phrase follows it ("layout in use" →
/// "layouts in use").
fn plural_of_kind(kind: &str) -> String {
    let noun_end = [" in ", " with ", " without ", " pending "]
        .iter()
        .find_map(|joint| kind.find(joint))
        .unwrap_or(kind.len());
    let (head, tail) = kind.split_at(noun_end);
    let (before, noun) = match head.rsplit_once(' ') {
        Some((b, n)) if !b.is_empty() => (format!("{b} "), n),
        Some((_, n)) => (String::new(), n),
        None => (String::new(), head),
    };
    let noun = if noun.ends_with('y') && !noun.ends_with("ay") {
        format!("{}ies", &noun[..noun.len() - 1])
    } else if noun.ends_with('s') {
        noun.to_string()
    } else {
        format!("{noun}s")
    };
    format!("{before}{noun}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_worded_for_their_count() {
        let day = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        for (skip, one, many) in [
            (Skip::Draft, "1 draft", "2 drafts"),
            (Skip::Trash, "1 post in the trash", "3 posts in the trash"),
            (Skip::NoText, "1 post without text", "2 posts without text"),
            (Skip::Private, "1 private post", "2 private posts"),
            (
                Skip::Before(day),
                "1 before 2020-01-01",
                "2 before 2020-01-01",
            ),
            (Skip::Comment, "1 comment", "2 comments"),
            (
                Skip::PendingReview,
                "1 post pending review",
                "2 posts pending review",
            ),
            (
                Skip::Status("odd".into()),
                "1 post with status odd",
                "2 posts with status odd",
            ),
            (
                Skip::PasswordProtected,
                "1 password-protected post",
                "2 password-protected posts",
            ),
            (
                Skip::NotInCategories(vec!["Faith".into(), "hope".into()]),
                "1 not in Faith or hope",
                "2 not in Faith or hope",
            ),
            (
                Skip::OlderThanLimit,
                "1 older than the newest --limit",
                "4 older than the newest --limit",
            ),
            // Once worded "2 post that cannot be reads" by a rule that cut strings.
            (
                Skip::Unreadable,
                "1 post that cannot be read",
                "2 posts that cannot be read",
            ),
            (Skip::Duplicate, "1 duplicate", "0 duplicates"),
        ] {
            assert_eq!(skip.describe(1), one, "{skip:?}");
            let n: usize = many[..1].parse().unwrap();
            assert_eq!(skip.describe(n), many, "{skip:?}");
        }
    }

    #[test]
    fn kinds_a_source_names_take_the_plural_on_their_noun() {
        for (kind, many) in [
            ("nav menu item", "nav menu items"),
            ("page", "pages"),
            ("settings", "settings"),
            ("wp block", "wp blocks"),
            ("customize changeset", "customize changesets"),
            ("tribe events", "tribe events"),
            ("oembed cache", "oembed caches"),
            ("user request", "user requests"),
            ("layout in use", "layouts in use"),
            ("gallery", "galleries"),
            ("display", "displays"),
        ] {
            assert_eq!(Skip::NotAPost(kind.into()).describe(2), format!("2 {many}"));
            assert_eq!(Skip::NotAPost(kind.into()).describe(1), format!("1 {kind}"));
        }
    }
}
