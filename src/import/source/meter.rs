//! The bytes under the XML reader, metered: lines counted for messages, and no single XML
//! event (a text, a CDATA section, a comment, a tag) handed on past a limit.
//!
//! quick-xml gathers each event whole before handing it over, so a 3 GB description would
//! be held whole. Past the limit this reader drops the rest of the event, handing on only
//! the bytes that end it (a `<` after text, `]` for CDATA, a quote or `>` in a tag), so the
//! parser's state is what it would have been, and it says the event was cut: the walk then
//! leaves that post out and reads on. Before the first element nothing is skipped: text
//! there past a smaller limit means the source is not XML at all.

use std::io::{self, BufRead, Read};

/// Bytes handed on after a stopping byte, for the parser to read the end of the event; if
/// the event goes on, the rest is dropped again up to the next stopping byte.
const GRACE: usize = 16;

/// A `BufRead` that counts lines and bytes and cuts events longer than its limit.
pub struct Meter<R> {
    inner: R,
    state: State,
}

/// What the meter knows of the stream, apart from the stream itself.
struct State {
    /// The line of the next byte, from 1.
    line: u64,
    /// Bytes read so far (handed on or dropped).
    position: u64,
    /// The most one event may hold.
    limit: usize,
    /// Whether an event past the limit may be cut (else it is an error).
    skip: bool,
    /// What the current event may still take before it is cut.
    budget: usize,
    /// The event's first bytes, which tell what it is.
    head: Vec<u8>,
    /// In a start tag: the quote of the attribute value being read.
    quote: Option<u8>,
    /// The last bytes handed on, to finish a character cut at the limit.
    tail: Vec<u8>,
    /// The current event was cut.
    cut: bool,
    /// The reader wants no text until told otherwise (the post being read is left out):
    /// text and CDATA are dropped from their first bytes, tags are read.
    drop_text: bool,
    /// The parser has seen bytes of the current event (what it saw may not be dropped).
    shown: bool,
}

/// What an event is, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Reference,
    Cdata,
    Comment,
    StartTag,
    EndTag,
    /// A processing instruction, a DOCTYPE, or too little read to tell.
    Other,
}

impl<R: BufRead> Meter<R> {
    /// Meters `inner`, cutting nothing until [`Meter::cut_past`] says how much an event may
    /// hold; until then an event past `limit` is an error.
    pub fn new(inner: R, limit: usize) -> Meter<R> {
        Meter {
            inner,
            state: State {
                line: 1,
                position: 0,
                limit,
                skip: false,
                budget: limit,
                head: Vec::with_capacity(9),
                quote: None,
                tail: Vec::with_capacity(4),
                cut: false,
                drop_text: false,
                shown: false,
            },
        }
    }

    /// From now on an event may hold `limit` bytes, and the rest of a longer one is dropped.
    pub fn cut_past(&mut self, limit: usize) {
        self.state.limit = limit;
        self.state.skip = true;
    }

    /// The reader is about to read the next event.
    pub fn start_event(&mut self) {
        let s = &mut self.state;
        s.budget = s.limit;
        s.head.clear();
        s.quote = None;
        s.cut = false;
        s.shown = false;
    }

    /// Whether text is wanted: without, text and CDATA are dropped as fast as they are read
    /// (a post left out may go on for gigabytes).
    pub fn drop_text(&mut self, drop: bool) {
        self.state.drop_text = drop;
    }

    /// Whether the event read since [`Meter::start_event`] was cut.
    pub fn was_cut(&self) -> bool {
        self.state.cut
    }

    /// The line of the next byte.
    pub fn line(&self) -> u64 {
        self.state.line
    }

    /// Bytes read so far.
    pub fn position(&self) -> u64 {
        self.state.position
    }

    /// Drops text up to the next `<` (the parser then reads the markup as the event).
    fn drop_text_run(&mut self) -> io::Result<()> {
        loop {
            let buf = match self.inner.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                break;
            }
            let stop = memchr::memchr(b'<', buf);
            let n = stop.unwrap_or(buf.len());
            self.state.note(&buf[..n]);
            self.inner.consume(n);
            if stop.is_some() {
                break;
            }
        }
        // What follows is a new event, as far as the limit goes.
        self.state.head.clear();
        self.state.budget = self.state.limit;
        Ok(())
    }

    /// Drops the rest of the current event up to the byte that ends it (or may end it).
    fn drop_rest(&mut self) -> io::Result<()> {
        let kind = self.state.kind();
        if !self.state.skip || kind == Kind::Other {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "one piece of it is larger than {} KB, which no blog export or feed holds",
                    self.state.limit / 1024
                ),
            ));
        }
        loop {
            let buf = match self.inner.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                break;
            }
            let stop = self.state.stop_in(kind, buf);
            let n = stop.unwrap_or(buf.len());
            self.state.note(&buf[..n]);
            self.inner.consume(n);
            if stop.is_some() {
                break;
            }
        }
        self.state.cut = true;
        self.state.budget = GRACE;
        Ok(())
    }
}

impl State {
    fn kind(&self) -> Kind {
        match self.head.as_slice() {
            [b'&', ..] => Kind::Reference,
            [b'<', b'/', ..] => Kind::EndTag,
            [b'<', b'!', rest @ ..] if rest.starts_with(b"[CDATA[") => Kind::Cdata,
            [b'<', b'!', b'-', b'-', ..] => Kind::Comment,
            [b'<', b'!' | b'?', ..] | [b'<'] | [] => Kind::Other,
            [b'<', ..] => Kind::StartTag,
            _ => Kind::Text,
        }
    }

    /// Where in `buf` the current event may end (a byte to hand on, not drop).
    fn stop_in(&self, kind: Kind, buf: &[u8]) -> Option<usize> {
        use memchr::{memchr, memchr3};
        match kind {
            Kind::Text => memchr(b'<', buf),
            Kind::Reference => memchr3(b';', b'&', b'<', buf),
            Kind::Cdata => memchr(b']', buf),
            Kind::Comment => memchr(b'-', buf),
            Kind::EndTag => memchr(b'>', buf),
            Kind::StartTag => match self.quote {
                Some(q) => memchr(q, buf),
                None => memchr3(b'>', b'"', b'\'', buf),
            },
            Kind::Other => None,
        }
    }

    /// Counts bytes read (handed on or dropped).
    fn note(&mut self, bytes: &[u8]) {
        self.line += memchr::memchr_iter(b'\n', bytes).count() as u64;
        self.position += bytes.len() as u64;
        let room = 9usize.saturating_sub(self.head.len()).min(bytes.len());
        self.head.extend_from_slice(&bytes[..room]);
        if self.kind() == Kind::StartTag {
            // Quotes alone change the state: jump from one to the next.
            let mut rest = bytes;
            while let Some(i) = match self.quote {
                Some(q) => memchr::memchr(q, rest),
                None => memchr::memchr2(b'"', b'\'', rest),
            } {
                self.quote = match self.quote {
                    Some(_) => None,
                    None => Some(rest[i]),
                };
                rest = &rest[i + 1..];
            }
        }
        let keep = bytes.len().min(4);
        self.tail.extend_from_slice(&bytes[bytes.len() - keep..]);
        let extra = self.tail.len().saturating_sub(4);
        self.tail.drain(..extra);
    }

    /// How many bytes of a UTF-8 character begun in what was handed on are still to come:
    /// a cut never splits a character.
    fn unfinished(&self) -> usize {
        let mut continuation = 0;
        for &b in self.tail.iter().rev() {
            if b & 0xC0 == 0x80 {
                continuation += 1;
                continue;
            }
            let width: usize = match b {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            };
            return width.saturating_sub(1 + continuation);
        }
        0
    }
}

impl<R: BufRead> Read for Meter<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let buf = self.fill_buf()?;
        let n = buf.len().min(out.len());
        out[..n].copy_from_slice(&buf[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Meter<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        // Only before the parser has seen or taken any byte of the event.
        if self.state.drop_text && !self.state.shown && self.state.head.is_empty() {
            // The event's first byte tells text from markup: text (with the references in
            // it) is dropped up to the next `<`, as if it were not there; CDATA and
            // comments are cut at once; a tag is read whole. A reference is read: the
            // parser saw its `&` at the end of the text before it.
            let buf = self.inner.fill_buf()?;
            if buf.first().is_some_and(|&b| b != b'<' && b != b'&') {
                self.drop_text_run()?;
            } else if buf.starts_with(b"<!") {
                self.state.budget = self.state.budget.min(GRACE);
            }
        }
        if self.state.budget == 0 && self.state.unfinished() == 0 {
            self.drop_rest()?;
        }
        let allowed = self.state.budget.max(self.state.unfinished());
        self.state.shown = true;
        let buf = self.inner.fill_buf()?;
        Ok(&buf[..buf.len().min(allowed)])
    }

    fn consume(&mut self, amt: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let amt = amt.min(buf.len());
            self.state.note(&buf[..amt]);
        }
        self.state.budget = self.state.budget.saturating_sub(amt);
        self.inner.consume(amt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::events::Event;

    /// Every event's text (or name), and whether it was cut, with events limited to `limit`
    /// bytes once the root is open.
    fn events(xml: &[u8], limit: usize) -> Result<Vec<(String, bool)>, String> {
        let mut r = quick_xml::Reader::from_reader(Meter::new(xml, 64));
        let mut out = Vec::new();
        let mut buf = Vec::new();
        loop {
            buf.clear();
            r.get_mut().start_event();
            let e = r.read_event_into(&mut buf).map_err(|e| e.to_string())?;
            let cut = r.get_ref().was_cut();
            let shown = match e {
                Event::Eof => break,
                Event::Start(s) => {
                    r.get_mut().cut_past(limit);
                    format!("<{}>", s.name().as_ref())
                }
                Event::End(s) => format!("</{}>", s.name().as_ref()),
                Event::Empty(s) => format!("<{}/>", s.name().as_ref()),
                Event::Text(t) => t.xml10_content().into_owned(),
                Event::CData(t) => t.xml10_content().into_owned(),
                Event::Comment(_) => "comment".into(),
                Event::GeneralRef(g) => format!("&{};", &*g),
                _ => "other".into(),
            };
            out.push((shown, cut));
        }
        Ok(out)
    }

    #[test]
    fn events_past_the_limit_are_cut_and_the_parse_goes_on() {
        let long = "é".repeat(500);
        let xml = format!(
            "<r><a>{long}</a><b><![CDATA[{long}]]x]]></b><!-- {long} --><c k=\"{long}>\" j='x'>ok</c><d>&{long};</d><e>fine</e></r>"
        );
        let ev = events(xml.as_bytes(), 100).unwrap();
        let names: Vec<&str> = ev
            .iter()
            .filter(|(s, _)| s.starts_with('<'))
            .map(|(s, _)| s.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "<r>", "<a>", "</a>", "<b>", "</b>", "<c>", "</c>", "<d>", "</d>", "<e>", "</e>",
                "</r>"
            ]
        );
        // Every long event was cut, never inside a character, and nothing else was.
        for (s, cut) in &ev {
            assert_eq!(*cut, s.len() > 90 || s == "comment" || s == "<c>", "{s}");
            assert!(s.len() < 120, "{s}");
        }
        assert!(ev.contains(&("fine".to_string(), false)));
        assert!(ev.contains(&("ok".to_string(), false)));
    }

    #[test]
    fn text_dropped_unread_leaves_every_tag_as_it_was() {
        let xml = "<r>\n<a>text &amp; more &lt;<b x=\"1>2\" y='3'>in b</b>tail&#x41;</a>\
<![CDATA[data]]]]><!-- note --><content:encoded>é&amp;é</content:encoded>&amp;<c/>z<d>last</d></r>";
        let names = |drop: bool| -> Vec<String> {
            let mut r = quick_xml::Reader::from_reader(Meter::new(xml.as_bytes(), 1 << 20));
            r.get_mut().cut_past(1 << 20);
            let mut out = Vec::new();
            let mut buf = Vec::new();
            // Dropping begins right after a text the parser read to its `<`, as it does
            // when a post is found too large in the middle of its text.
            let mut after_text = false;
            loop {
                buf.clear();
                r.get_mut().start_event();
                match r.read_event_into(&mut buf).unwrap() {
                    Event::Eof => break,
                    Event::Start(s) => out.push(format!("<{}>", s.name().as_ref())),
                    Event::End(s) => out.push(format!("</{}>", s.name().as_ref())),
                    Event::Empty(s) => out.push(format!("<{}/>", s.name().as_ref())),
                    Event::Text(_) => after_text = true,
                    _ => {}
                }
                r.get_mut().drop_text(drop && after_text);
            }
            out
        };
        assert_eq!(names(true), names(false));
        assert_eq!(names(true).len(), 11);
    }

    #[test]
    fn before_the_root_a_long_event_is_an_error() {
        let zeros = vec![0u8; 1000];
        let err = events(&zeros, 100).unwrap_err();
        assert!(err.contains("larger than"), "{err}");
        let xml = format!("<?xml {}?><r/>", "x".repeat(200));
        assert!(events(xml.as_bytes(), 100).is_err());
    }

    #[test]
    fn lines_and_bytes_are_counted_through_what_is_dropped() {
        let xml = format!("<r>\n<a>{}</a>\n<b/></r>", "x\n".repeat(300));
        let mut r = quick_xml::Reader::from_reader(Meter::new(xml.as_bytes(), 1000));
        r.get_mut().cut_past(50);
        let mut buf = Vec::new();
        loop {
            buf.clear();
            r.get_mut().start_event();
            match r.read_event_into(&mut buf).unwrap() {
                Event::Empty(_) => break,
                Event::Eof => panic!("no <b/>"),
                _ => {}
            }
        }
        assert_eq!(r.get_ref().line(), 303);
        assert_eq!(r.get_ref().position() as usize, xml.len() - "</r>".len());
    }
}
