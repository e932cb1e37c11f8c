//! A source's bytes as UTF-8, whatever encoding it declares: UTF-8 passes through, a UTF-16
//! byte-order mark or a legacy `encoding` in the XML declaration (ISO-8859-1,
//! Windows-1252 …) is decoded on the way, a stream at a time.

use anyhow::Result;
use std::io::BufRead;

/// `input` as UTF-8.
pub fn utf8<'a, R: BufRead + 'a>(mut input: R) -> Result<Box<dyn BufRead + 'a>> {
    Ok(match legacy_encoding(&mut input)? {
        Some(encoding) => Box::new(std::io::BufReader::new(Utf8 {
            inner: input,
            decoder: encoding.new_decoder_with_bom_removal(),
            raw: vec![0; 1 << 16],
            out: Vec::new(),
            at: 0,
            done: false,
        })),
        None => Box::new(input),
    })
}

/// The encoding of a source that is not UTF-8: a UTF-16 byte-order mark, or the XML
/// declaration's `encoding` (ISO-8859-1, Windows-1252 …).
fn legacy_encoding<R: BufRead>(input: &mut R) -> Result<Option<&'static encoding_rs::Encoding>> {
    let head = input.fill_buf()?;
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(head) {
        return Ok((enc != encoding_rs::UTF_8).then_some(enc));
    }
    let head = String::from_utf8_lossy(&head[..head.len().min(512)]).into_owned();
    let Some(decl) = head
        .strip_prefix("<?xml")
        .and_then(|d| d.split("?>").next())
    else {
        return Ok(None);
    };
    let Some(i) = decl.find("encoding") else {
        return Ok(None);
    };
    let value = decl[i + "encoding".len()..]
        .trim_start()
        .trim_start_matches('=')
        .trim_start();
    let quote = value.chars().next().unwrap_or('"');
    // `encoding=` with nothing after it leaves no value at all.
    let label = value
        .get(quote.len_utf8()..)
        .unwrap_or("")
        .split(quote)
        .next()
        .unwrap_or("");
    Ok(encoding_rs::Encoding::for_label(label.trim().as_bytes())
        .filter(|e| *e != encoding_rs::UTF_8))
}

/// Bytes in a legacy encoding, handed on as UTF-8.
struct Utf8<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    raw: Vec<u8>,
    out: Vec<u8>,
    at: usize,
    done: bool,
}

impl<R: BufRead> std::io::Read for Utf8<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.out.len() && !self.done {
            let n = self.inner.read(&mut self.raw)?;
            let last = n == 0;
            self.out.clear();
            self.at = 0;
            // Room for everything these bytes can become, so the decoder takes them all.
            let room = self.decoder.max_utf8_buffer_length(n).unwrap_or(n * 3 + 16);
            let mut s = String::with_capacity(room);
            let (_, read, _) = self.decoder.decode_to_string(&self.raw[..n], &mut s, last);
            debug_assert_eq!(read, n);
            self.out.extend_from_slice(s.as_bytes());
            self.done = last;
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}
