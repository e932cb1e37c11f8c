//! The front matter keys devocast reads, the ones blog tools write that it leaves alone, and
//! the guess at what a key that is neither was meant to be.
//!
//! A producer points devocast at the folder their blog already has: every key Jekyll, Hugo,
//! Zola, Eleventy, their common themes and WordPress exporters write must pass without a
//! word. Only a key that looks like a misspelling of one devocast reads is worth a warning.

use super::front::norm;

/// Keys devocast reads, each in the spelling the warnings suggest.
pub const READ: &[&str] = &[
    "title",
    "date",
    "publishDate",
    "pubDate",
    "expiryDate",
    "description",
    "summary",
    "excerpt",
    "author",
    "authors",
    "image",
    "cover",
    "tags",
    "categories",
    "keywords",
    "draft",
    "published",
    "status",
    "link",
    "language",
    "prayer",
];

/// Other spellings of read keys (compared after [`norm`]), and the key each stands for.
pub const ALIASES: &[(&str, &str)] = &[
    ("publishdate", "publishDate"),
    ("publishedat", "publishDate"),
    ("publishedon", "publishDate"),
    ("pubdate", "pubDate"),
    ("expirydate", "expiryDate"),
    ("unpublishdate", "expiryDate"),
    ("expires", "expiryDate"),
    ("expiresat", "expiryDate"),
    ("category", "categories"),
    ("tag", "tags"),
    ("canonical", "link"),
    ("canonicalurl", "link"),
    ("originalurl", "link"),
    ("coverimage", "cover"),
    ("lang", "language"),
];

/// Keys blog tools write that say nothing about an episode, compared after [`norm`]: read by
/// no one here, and never warned about.
const IGNORED: &[&str] = &[
    // Jekyll and its common themes (minima, Minimal Mistakes, Chirpy, just-the-docs) and
    // plugins (jekyll-seo-tag, jekyll-redirect-from, jekyll-feed).
    "layout",
    "permalink",
    "excerptseparator",
    "lastmodifiedat",
    "sitemap",
    "redirectfrom",
    "redirectto",
    "comments",
    "share",
    "toc",
    "toclabel",
    "tocicon",
    "tocsticky",
    "header",
    "teaser",
    "overlayimage",
    "overlayfilter",
    "sidebar",
    "classes",
    "authorprofile",
    "readtime",
    "related",
    "showdate",
    "wordsperminute",
    "search",
    "seo",
    "twitter",
    "facebook",
    "hidden",
    "pin",
    "math",
    "mermaid",
    "renderwithliquid",
    "navorder",
    "parent",
    "grandparent",
    "haschildren",
    "navexclude",
    "featureimage",
    "featuretext",
    "featurerow",
    "locale",
    "mathjax",
    "pinned",
    "mediasubpath",
    "collection",
    "output",
    "feed",
    "headline",
    "subtitle",
    "subheadline",
    "modified",
    "lastmodified",
    "updated",
    "updatedat",
    "lastmod",
    // Hugo and its common themes (PaperMod, Ananke, Stack, Congo, Blowfish, Book, Docsy).
    "aliases",
    "slug",
    "url",
    "type",
    "weight",
    "linktitle",
    "headless",
    "iscjklanguage",
    "markup",
    "outputs",
    "resources",
    "cascade",
    "build",
    "menu",
    "menus",
    "translationkey",
    "images",
    "videos",
    "audio",
    "series",
    "tocopen",
    "showtoc",
    "hidemeta",
    "disableshare",
    "hidesummary",
    "searchhidden",
    "showreadingtime",
    "showbreadcrumbs",
    "showpostnavlinks",
    "showwordcount",
    "showrssbuttoninsectiontermlist",
    "usehugotoc",
    "editpost",
    "featuredimage",
    "featured",
    "featuredimagepreview",
    "thumbnail",
    "katex",
    "comment",
    "meta",
    "contributors",
    "params",
    "notoc",
    "newsletter",
    "disablecomments",
    "showdatetime",
    "showauthor",
    "showsharing",
    "showtableofcontents",
    "license",
    "readingtime",
    "bookcomments",
    "booktoc",
    "bookhidden",
    "bookflatsection",
    "bookcollapsesection",
    "translations",
    "sharing",
    "exclude",
    "nosearch",
    "robots",
    "keywordsmeta",
    "socialimage",
    "ogimage",
    "twitterimage",
    "imagealt",
    "imagecaption",
    "alt",
    "caption",
    "credit",
    "emoji",
    "icon",
    "color",
    "colour",
    "banner",
    "hero",
    "heroimage",
    "background",
    "backgroundimage",
    "splash",
    "thumb",
    "preview",
    "ShowCodeCopyButtons",
    "canonicalurls",
    // Zola.
    "path",
    "template",
    "pagetemplate",
    "taxonomies",
    "extra",
    "render",
    "insearchindex",
    "insertanchorlinks",
    "sortby",
    "paginateby",
    "paginatepath",
    "paginatereversed",
    "transparent",
    "generatefeed",
    "generatefeeds",
    // Eleventy.
    "eleventyexcludefromcollections",
    "eleventynavigation",
    "eleventycomputed",
    "eleventyimport",
    "eleventydataschema",
    "eleventyallowmissingextension",
    "pagination",
    "templateengineoverride",
    "dynamicpermalink",
    "permalinkbypassoutputdir",
    "key",
    "order",
    "data",
    // WordPress and the exporters that turn it into Markdown (Jekyll Exporter, WordPress to
    // Hugo Exporter, wordpress-export-to-markdown, wp2md).
    "id",
    "guid",
    "postid",
    "wordpressid",
    "wordpressurl",
    "wpid",
    "wpslug",
    "coverimagealt",
    "commentstatus",
    "pingstatus",
    "posttype",
    "postparent",
    "menuorder",
    "postformat",
    "format",
    "sticky",
    "password",
    "postpassword",
    "passwordprotected",
    "dategmt",
    "modifiedgmt",
    "postname",
    "poststatus",
    "postdate",
    "postexcerpt",
    "dsqthreadid",
    "enclosure",
    "oembed",
    "originalpostid",
    "thumbnailid",
    "timelinenotation",
    "user",
    "username",
    "login",
    "authorlogin",
    "authoremail",
    "authorurl",
    "authorid",
    "authorname",
    "email",
    "site",
    "name",
    "visible",
    "private",
    "public",
    "links",
    "source",
    "canonicalpath",
    "summaryimage",
];

/// Key prefixes of private or plugin data (`_edit_last`, `jetpack_*`, `wp_*`, `og_*`,
/// `twitter_*`, `eleventy*`), compared after [`norm`] except the underscore.
const IGNORED_PREFIXES: &[&str] = &[
    "jetpack", "wpcom", "wp", "og", "twitter", "eleventy", "seo", "yoast", "rank", "hugo", "zola",
    "jekyll", "disqus", "amp",
];

/// What a front matter key is to devocast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A key devocast reads, in the spelling of [`READ`].
    Read(&'static str),
    /// Blog furniture: left alone without a word.
    Ignored,
    /// Most likely a misspelling of this read key.
    Typo(&'static str),
    /// Anything else: the producer's own key, left alone.
    Other,
}

/// What `key` is to devocast.
pub fn kind(key: &str) -> Kind {
    let n = norm(key);
    if let Some(k) = READ.iter().find(|k| norm(k) == n) {
        return Kind::Read(k);
    }
    if let Some((_, k)) = ALIASES.iter().find(|(a, _)| *a == n) {
        return Kind::Read(k);
    }
    let prefixed = IGNORED_PREFIXES
        .iter()
        .any(|p| n.starts_with(p) && n.len() > p.len());
    if key.starts_with('_') || prefixed || IGNORED.iter().any(|k| norm(k) == n) {
        return Kind::Ignored;
    }
    match suggestion(&n) {
        Some(k) => Kind::Typo(k),
        None => Kind::Other,
    }
}

/// The read key `n` (a [`norm`]ed key) is most likely a misspelling of: one edit away
/// (a letter added, dropped, changed, or two swapped), or two for keys of six letters or
/// more that start alike. Shorter keys allow fewer edits: `color` is not `cover`.
fn suggestion(n: &str) -> Option<&'static str> {
    if n.chars().count() < 3 {
        return None;
    }
    READ.iter()
        .chain(ALIASES.iter().map(|(_, k)| k))
        .copied()
        .map(|k| (k, distance(n, &norm(k))))
        .filter(|(k, d)| {
            let long = n.chars().count() >= 6 && norm(k).chars().count() >= 6;
            *d == 1 || (*d == 2 && long && n.chars().next() == norm(k).chars().next())
        })
        .min_by_key(|(_, d)| *d)
        .map(|(k, _)| k)
}

/// Edit distance with swaps of neighbours counting as one edit (optimal string alignment).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspellings_of_read_keys_are_guessed() {
        for (typo, meant) in [
            ("titel", "title"),
            ("tilte", "title"),
            ("dat", "date"),
            ("auther", "author"),
            ("athor", "author"),
            ("descripton", "description"),
            ("desription", "description"),
            ("sumary", "summary"),
            ("darft", "draft"),
            ("publishDte", "publishDate"),
            ("pubdaet", "pubDate"),
            ("expirydat", "expiryDate"),
            ("imgae", "image"),
            ("tgas", "tags"),
            ("catagories", "categories"),
            ("publised", "published"),
            ("stauts", "status"),
            ("excert", "excerpt"),
        ] {
            assert_eq!(kind(typo), Kind::Typo(meant), "{typo}");
        }
    }

    #[test]
    fn blog_keys_and_spellings_pass_without_a_guess() {
        for key in [
            "layout",
            "permalink",
            "slug",
            "weight",
            "aliases",
            "toc",
            "menu",
            "type",
            "url",
            "comments",
            "sharing",
            "featured_image",
            "featuredImage",
            "lastmod",
            "ShowToc",
            "TocOpen",
            "eleventyNavigation",
            "eleventyExcludeFromCollections",
            "_edit_last",
            "jetpack_featured_media_url",
            "wp_id",
            "og_image",
            "taxonomies",
            "extra",
            "color",
            "name",
            "images",
            "links",
            "in_search_index",
            "render_with_liquid",
            "header",
            "dsq_thread_id",
        ] {
            assert!(matches!(kind(key), Kind::Ignored), "{key}: {:?}", kind(key));
        }
        for (key, read) in [
            ("publishdate", "publishDate"),
            ("PublishDate", "publishDate"),
            ("publish_date", "publishDate"),
            ("pubDate", "pubDate"),
            ("ExpiryDate", "expiryDate"),
            ("unpublishdate", "expiryDate"),
            ("Title", "title"),
            ("category", "categories"),
            ("canonicalURL", "link"),
        ] {
            assert_eq!(kind(key), Kind::Read(read), "{key}");
        }
        // A producer's own key far from any devocast reads: left alone.
        for key in ["mood", "scripture_of_the_day", "podcast_voice", "x"] {
            assert_eq!(kind(key), Kind::Other, "{key}");
        }
    }
}
