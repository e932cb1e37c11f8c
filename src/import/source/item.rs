//! What the XML reader gathers for the entry rules: each item's fields as read, the channel
//! facts items need, and the namespaces told apart.

use crate::import::post::Entry;
use crate::import::skip::Skip;
use quick_xml::name::ResolveResult;
use std::collections::HashMap;

const WP_PREFIX: &str = "http://wordpress.org/export/";
const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const RSS1_NS: &str = "http://purl.org/rss/1.0/";
const RSS09_NS: &str = "http://my.netscape.com/rdf/simple/0.9/";

/// Which namespace an element is in, as far as the reader cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    None,
    Wp,
    Content,
    Excerpt,
    Dc,
    Atom,
    Other,
}

impl Ns {
    /// The namespace an element's name resolved to.
    pub fn of(r: &ResolveResult) -> Ns {
        match r {
            ResolveResult::Bound(ns) => {
                let uri: &str = ns.as_ref();
                if uri.starts_with(WP_PREFIX) {
                    if uri.trim_end_matches('/').ends_with("excerpt") {
                        Ns::Excerpt
                    } else {
                        Ns::Wp
                    }
                } else if uri == CONTENT_NS {
                    Ns::Content
                } else if uri == DC_NS {
                    Ns::Dc
                } else if uri == ATOM_NS {
                    Ns::Atom
                } else if uri == RSS1_NS || uri == RSS09_NS {
                    // RSS 1.0 (RDF) puts its elements in a default namespace; they are RSS's.
                    Ns::None
                } else {
                    Ns::Other
                }
            }
            _ => Ns::None,
        }
    }
}

/// An element's attributes: local name, value.
pub type Attrs = Vec<(String, String)>;

/// A field as read: namespace, name, attributes, text.
pub type FieldRead = (Ns, String, Attrs, String);

/// The fields of one item as read.
#[derive(Default)]
pub struct Item {
    pub fields: Vec<FieldRead>,
    /// WordPress comments met in the item.
    pub comments: usize,
    /// The source line where the item starts.
    pub line: u64,
    /// An entry's own `xml:base`.
    pub base: Option<String>,
    /// Where in the source the item starts, in bytes.
    pub start: u64,
    /// Why the item is too large to import; its fields, but the title, are dropped.
    pub too_big: Option<String>,
}

impl Item {
    pub fn get(&self, ns: Ns, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, k, _, _)| *n == ns && k == name)
            .map(|(_, _, _, v)| v.as_str())
    }

    /// A field's text, trimmed; `None` when missing or blank.
    pub fn text(&self, ns: Ns, name: &str) -> Option<String> {
        self.get(ns, name)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    }

    /// A field in a namespace devocast does not know (Blogger's, Atom Publishing's).
    pub fn any(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, k, _, _)| *n == Ns::Other && k == name)
            .map(|(_, _, _, v)| v.as_str())
    }

    /// The fields of one name in one namespace, with their attributes and text.
    pub fn all<'a>(
        &'a self,
        ns: Ns,
        name: &'a str,
    ) -> impl Iterator<Item = (&'a Attrs, &'a String)> + 'a {
        self.fields
            .iter()
            .filter(move |(n, k, _, _)| *n == ns && k == name)
            .map(|(_, _, a, t)| (a, t))
    }

    pub fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
        attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The title as written (RSS's, else Atom's), or empty.
    pub fn title(&self) -> String {
        self.text(Ns::None, "title")
            .or_else(|| self.text(Ns::Atom, "title"))
            .unwrap_or_default()
    }

    /// The entry for an item that is not imported, and why.
    pub fn skipped(&self, why: Skip) -> Entry {
        Entry::Skipped {
            kind: why,
            title: self.title(),
            line: self.line,
        }
    }

    /// Category names, their slugs (WordPress `nicename`) and Atom terms and labels.
    pub fn categories(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (ns, k, attrs, text) in &self.fields {
            if k != "category" || !matches!(ns, Ns::None | Ns::Atom | Ns::Dc) {
                continue;
            }
            if Item::attr(attrs, "scheme").is_some_and(|s| s.ends_with("#kind")) {
                continue;
            }
            for v in [
                Some(text.as_str()),
                Item::attr(attrs, "nicename"),
                Item::attr(attrs, "term"),
                Item::attr(attrs, "label"),
            ]
            .into_iter()
            .flatten()
            {
                let v = v.trim();
                if !v.is_empty() {
                    out.push(v.to_string());
                }
            }
        }
        out
    }
}

/// Channel facts that items need: who the authors are, which site this is.
#[derive(Default)]
pub struct Channel {
    /// A WordPress export (it gives its WXR version).
    pub wordpress: bool,
    /// The blog's address.
    pub site: String,
    /// What an Atom feed's relative addresses are relative to: its `xml:base`, else the
    /// address it was fetched from, else its own alternate link.
    pub base: Option<String>,
    pub alternate: Option<String>,
    /// WordPress author logins → display names.
    pub authors: HashMap<String, String>,
    pub author_login: Option<String>,
    pub author_name: Option<String>,
    /// The blog's own title, description and author (an Atom feed's `<author>`, an RSS
    /// channel's `dc:creator` or `managingEditor`).
    pub title: Option<String>,
    pub description: Option<String>,
    pub author: Option<String>,
}
