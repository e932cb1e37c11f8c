//! The furniture blogs put around a post: share buttons, subscription boxes, related-post
//! lists, comment prompts, author boxes, calls to action and links to the next post. None
//! of it is the writer's devotion, and all of it sounds absurd read aloud ("Share this:
//! Facebook Twitter"). It is known two ways, since themes and plugins mark it so
//! differently: by its markup (the class or id names the common plugins and themes give
//! it), and by its words, for furniture typed into the post or marked by an unknown theme.
//!
//! By its words, furniture is a short paragraph that only furniture says ("Subscribe to
//! get…", "Leave a comment", "Plan your visit »"), or a label ("Related posts:", "About the
//! author") that heads more furniture: the list after a label, or everything up to the
//! next heading after a label used as a heading.

use scraper::ElementRef;

/// Class and id names of share buttons, subscription boxes, related-post lists, author
/// boxes, comment areas, calls to action, post navigation and similar widgets. A name
/// matches whole, or as a dash-separated part (`entry-share`, `share-buttons`).
const WIDGET_CLASSES: &[&str] = &[
    // Sharing and liking (Jetpack, AddToAny, Shared Counts, Social Warfare, Novashare,
    // Mashshare, Simple Share Buttons, Sassy Social Share, Social Pug, Kadence, Astra).
    "sharedaddy",
    "sharing",
    "share",
    "shares",
    "social",
    "addtoany",
    "a2a",
    "swp",
    "mashsb",
    "ssba",
    "heateor",
    "dpsp",
    "novashare",
    "sd-like",
    "wpulike",
    "printfriendly",
    "click-to-tweet",
    "tm-click-to-tweet",
    // Related posts (Jetpack, YARPP, Contextual Related Posts, Related Posts for WP).
    "jp-relatedposts",
    "related",
    "related-posts",
    "yarpp",
    "crp",
    "rp4wp",
    // Subscribing (Jetpack, Mailchimp, MailPoet, ConvertKit, Substack, Ghost).
    "subscribe",
    "subscription",
    "subscriptions",
    "newsletter",
    "mc4wp",
    "mc-embed-signup",
    "mailpoet",
    "formkit",
    "optin",
    "signup",
    "subscription-widget",
    "kg-signup-card",
    // Author boxes (Simple Author Box, theme bios).
    "author-bio",
    "author-box",
    "about-author",
    "saboxplugin",
    "byline",
    // Comments and their prompts.
    "comments",
    "comment-respond",
    "respond",
    "leave-reply",
    // Calls to action and buttons.
    "cta",
    "call-to-action",
    "wp-block-buttons",
    "button-wrapper",
    "kg-btn",
    "kg-button-card",
    "kg-bookmark-card",
    "more-link",
    // Navigation between posts.
    "post-navigation",
    "nav-links",
    "nav-previous",
    "nav-next",
    "pagination",
    "breadcrumbs",
    "breadcrumb",
    "widget",
    "advert",
    // Media blocks whose text is a caption or a player's.
    "wp-block-embed",
    "wp-block-image",
    "wp-block-gallery",
    "wp-block-file",
    "wp-block-audio",
    "wp-block-video",
    // Captions under pictures (WordPress classic, Blogger).
    "wp-caption",
    "tr-caption",
    // Footnotes, read mid-sentence or as a list of references (WordPress, Substack).
    "wp-block-footnotes",
    "footnote",
    "footnotes",
    "footnote-anchor",
    "footnote-backref",
];

/// Words that only furniture begins a short paragraph with.
const FURNITURE_STARTS: &[&str] = &[
    "share this",
    "share on ",
    "share:",
    "like this:",
    "like loading",
    "related posts",
    "related articles",
    "related reading",
    "related:",
    "you may also like",
    "you might also like",
    "you may also enjoy",
    "more posts",
    "similar posts",
    "leave a comment",
    "leave a reply",
    "post a comment",
    "add a comment",
    "comments are closed",
    "join the conversation",
    "join the discussion",
    "enter your email",
    "enter your e-mail",
    "type your email",
    "sign up for",
    "get new posts",
    "get the latest",
    "don't miss",
    "never miss",
    "follow us",
    "like us on",
    "connect with us",
    "filed under",
    "posted in ",
    "tagged:",
    "tags:",
    "categories:",
    "previous post",
    "next post",
    "older post",
    "newer post",
    "previous article",
    "next article",
    "« previous",
    "next »",
    "← previous",
    "next →",
    "click here to",
];

/// Labels whose following list (or, as a heading, section) is furniture.
const LABELS: &[&str] = &[
    "related posts",
    "related articles",
    "related reading",
    "related",
    "you may also like",
    "you might also like",
    "more posts",
    "similar posts",
    "share this",
    "share this post",
    "share",
    "like this",
    "about the author",
    "about the writer",
    "meet the author",
    "comments",
    "leave a comment",
    "leave a reply",
    "subscribe",
    "stay connected",
    "follow us",
];

/// Calls to action begin so and speak of the church, ministry or site, not of God.
const ACTION_STARTS: &[&str] = &[
    "learn more",
    "find out more",
    "read more",
    "plan your visit",
    "plan a visit",
    "visit our",
    "visit us",
    "give online",
    "give today",
    "donate",
    "support our",
    "support this",
    "support the ministry",
    "join us",
    "watch the",
    "listen to the",
    "download the",
    "get the",
    "register",
    "rsvp",
];

/// The longest paragraph (in characters) judged furniture by its words: a devotion's own
/// paragraphs that happen to begin alike are longer.
const SHORT: usize = 160;

/// Whether an element is a widget by its class or id.
pub fn is_widget(e: ElementRef) -> bool {
    let class = e.value().attr("class").unwrap_or("");
    let id = e.value().attr("id").unwrap_or("");
    class
        .split_whitespace()
        .chain(std::iter::once(id))
        .any(|c| {
            // `addtoany_share_save_container` is the same widget as `addtoany-share`.
            let c = c.to_ascii_lowercase().replace('_', "-");
            WIDGET_CLASSES
                .iter()
                .any(|w| c == *w || c.starts_with(&format!("{w}-")) || c.contains(&format!("-{w}")))
        })
}

/// Whether a paragraph (as plain text; `linked` when all of it is a link) is furniture.
pub fn is_furniture(text: &str, linked: bool) -> bool {
    let text = text.trim();
    let lower = text.to_lowercase();
    let short = text.chars().count() <= SHORT;
    // SEO plugins' "The post X appeared first on Y."; Medium's "X was originally published
    // in Y on Medium"; WordPress's "Continue reading" under summaries.
    (text.starts_with("The post ") && text.contains(" appeared first on "))
        || (text.contains(" was originally published in ") && text.contains(" on Medium"))
        || is_continue_reading(text)
        // WordPress shows an address alone on its line as the video or post it names.
        || is_bare_url(text)
        || (short && FURNITURE_STARTS.iter().any(|s| lower.starts_with(s)))
        || (short && is_subscription(&lower))
        || (short && is_social_list(&lower))
        || (short && is_call_to_action(&lower, linked))
        || is_label(text)
}

/// "Continue reading", "Read more" and the like, with the post's title or an arrow.
pub fn is_continue_reading(text: &str) -> bool {
    let lower = text.to_lowercase();
    let bare = lower.trim_end_matches(['→', '»', '›', '.', '…', ' ']);
    matches!(
        bare,
        "continue reading" | "read more" | "read the rest of this entry" | "keep reading"
    ) || (["continue reading ", "read more ", "keep reading "]
        .iter()
        .any(|s| lower.starts_with(s))
        && text.chars().count() < 120)
}

/// Whether a paragraph, or a heading, is a label that heads furniture ("Related posts:").
pub fn is_label(text: &str) -> bool {
    let bare = text
        .trim()
        .trim_end_matches([':', '…', '.', ' ', '»', '→'])
        .to_lowercase();
    LABELS.contains(&bare.as_str())
}

/// An invitation to subscribe: it speaks of subscribing and of e-mail or inboxes.
fn is_subscription(lower: &str) -> bool {
    let asks = [
        "subscribe",
        "subscribers",
        "sign up",
        "newsletter",
        "delivered",
    ]
    .iter()
    .any(|w| lower.contains(w));
    let by = [
        "email",
        "e-mail",
        "inbox",
        "newsletter",
        "notifications",
        "updates",
        "subscribers",
    ]
    .iter()
    .any(|w| lower.contains(w));
    asks && by
}

/// A run of social network names (the text left of share buttons).
fn is_social_list(lower: &str) -> bool {
    const NETWORKS: &[&str] = &[
        "facebook",
        "twitter",
        "x",
        "pinterest",
        "linkedin",
        "whatsapp",
        "telegram",
        "reddit",
        "tumblr",
        "pocket",
        "email",
        "e-mail",
        "print",
        "share",
        "tweet",
        "more",
        "threads",
        "mastodon",
        "bluesky",
        "messenger",
        "instagram",
        "youtube",
        "copy",
        "link",
    ];
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    words.len() >= 2
        && words.iter().all(|w| NETWORKS.contains(w))
        && words
            .iter()
            .filter(|w| !matches!(**w, "share" | "more" | "copy" | "link" | "print"))
            .count()
            >= 2
}

/// A call to action: begins as one, and is all a link, ends with an arrow, or speaks of
/// "our" church or ministry rather than of God.
fn is_call_to_action(lower: &str, linked: bool) -> bool {
    let begins = ACTION_STARTS.iter().any(|s| lower.starts_with(s));
    let arrow = lower.trim_end().ends_with(['»', '→', '›']);
    let ours = [
        "our church",
        "our ministry",
        "our website",
        "our site",
        "our blog",
        "our community",
        "our team",
        "our events",
        "our services",
        "our podcast",
        "about us",
    ]
    .iter()
    .any(|w| lower.contains(w));
    (begins && (linked || arrow || ours)) || (arrow && linked)
}

/// A paragraph (as HTML) without the "Continue reading →" or "Read more »" an excerpt ends
/// with, and with WordPress's "[…]" made a plain ellipsis.
pub fn without_trailing_link(para: &str) -> String {
    let mut p = para.trim_end().to_string();
    let lower = p.to_lowercase();
    let cut = ["continue reading", "read more", "keep reading"]
        .iter()
        .filter_map(|m| lower.rfind(m))
        .max()
        .filter(|&at| {
            // A link's words, then at most a title and an arrow: not a sentence of the post.
            let after = lower[at..].trim_end_matches(['→', '»', '›', '…', ' ']);
            at > 0
                && lower.len() - at < 120
                && !after.ends_with(['.', '!', '?'])
                && lower[..at]
                    .trim_end()
                    .ends_with(['.', '!', '?', '…', ']', '”', '"'])
        });
    if let Some(at) = cut {
        p.truncate(at);
        p.truncate(p.trim_end().len());
    }
    for mark in ["[&#8230;]", "[&hellip;]", "[…]", "[...]"] {
        if let Some(rest) = p.strip_suffix(mark) {
            p = format!("{}…", rest.trim_end().trim_end_matches(['…', '.']));
        }
    }
    p
}

fn is_bare_url(s: &str) -> bool {
    (s.starts_with("http://") || s.starts_with("https://")) && !s.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_is_known_by_its_words() {
        for furniture in [
            "Subscribe to get daily devotions by email",
            "Enter your email address to subscribe to this blog and receive notifications of new posts.",
            "Join 1,204 other subscribers",
            "Get new posts delivered to your inbox!",
            "Share this: Facebook Twitter",
            "Facebook Twitter Pinterest Email",
            "Like this: Like Loading...",
            "Related posts:",
            "Related",
            "You may also like",
            "Leave a comment",
            "Leave a Reply",
            "Learn more about our church.",
            "Plan your visit »",
            "Give online →",
            "Visit our website",
            "« Previous post",
            "Next post: Abiding in the Vine",
            "Filed under: Devotions, Prayer",
            "Posted in Devotions | Leave a comment",
            "Continue reading →",
            "Continue reading Grace for Today",
            "Read more »",
        ] {
            assert!(is_furniture(furniture, false), "{furniture}");
        }
        for devotion in [
            "Join us in prayer for the persecuted church today.",
            "Learn more of His ways by walking with Him daily, one step at a time.",
            "Share your burdens with the Lord; He cares for you.",
            "Is your inbox full? Rest in Him.",
            "Give thanks to the Lord, for He is good.",
            "Related to this is the story of Ruth.",
            "Twitter and Facebook cannot fill the heart's hunger for God.",
            "Next, we turn to the Psalms.",
            "Comments from friends can wound or heal; choose words that heal.",
        ] {
            assert!(!is_furniture(devotion, false), "{devotion}");
        }
        // A call to action known only by being all a link.
        assert!(is_furniture("Watch the sermon", true));
        assert!(!is_furniture("Watch the sermon", false));
    }

    #[test]
    fn an_excerpts_link_and_ellipsis_are_not_read() {
        for (para, left) in [
            (
                "He restores my soul. Continue reading →",
                "He restores my soul.",
            ),
            ("He restores my soul… Read more »", "He restores my soul…"),
            (
                "He restores my soul, and [&#8230;]",
                "He restores my soul, and…",
            ),
            (
                "He restores my soul [...] Continue reading Psalm 23",
                "He restores my soul…",
            ),
            (
                "Read more of His word each day.",
                "Read more of His word each day.",
            ),
            (
                "We read more slowly now, and pray.",
                "We read more slowly now, and pray.",
            ),
            (
                "He restores. Read more of His word each day.",
                "He restores. Read more of His word each day.",
            ),
        ] {
            assert_eq!(without_trailing_link(para), left, "{para}");
        }
    }

    #[test]
    fn labels_head_furniture() {
        for label in [
            "Related posts:",
            "About the Author",
            "Share this:",
            "Comments",
        ] {
            assert!(is_label(label), "{label}");
        }
        assert!(!is_label("About the Cross"));
    }
}
