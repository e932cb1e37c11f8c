//! What a voice's name is: the default voice, telling a name from a file, and the rule every
//! name from outside (the command line, the configuration, the repository's index, the
//! publication record) must follow before it names a folder.

/// The voice a first build fetches when no neural voice is installed: trained from scratch
/// on LJ Speech, which is in the public domain, so nothing restricts the audio it makes.
pub const DEFAULT_VOICE: &str = "en_US-ljspeech-medium";

/// The longest voice name taken (Piper's are under 50 characters).
pub const MAX_NAME_CHARS: usize = 100;

/// Whether `voice.model` names a voice (`en_US-ljspeech-medium`) rather than a file.
pub fn is_name(setting: &str) -> bool {
    !setting.contains('/') && !setting.contains('\\') && !setting.ends_with(".onnx")
}

/// Checks `name` is a plain voice name: ASCII letters, digits, `_`, `-` and `.`, not
/// starting with `.` (so never `.` or `..`, nor one of devocast's hidden temporaries), at
/// most [`MAX_NAME_CHARS`]. A voice's folder is its name under the voices folder, so only
/// such a name can never lead outside it. The error says why, for a message naming where the
/// name came from.
pub fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("is empty".into());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!("is longer than {MAX_NAME_CHARS} characters"));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
    {
        return Err(format!(
            "holds {c:?}; a voice name has only letters, digits, `_`, `-` and `.`"
        ));
    }
    if name.starts_with('.') {
        return Err("starts with `.`; a voice name starts with a letter or digit".into());
    }
    Ok(())
}

/// Whether `name` is a plain voice name ([`check_name`]).
pub fn is_plain(name: &str) -> bool {
    check_name(name).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_are_voice_names() {
        for good in [
            DEFAULT_VOICE,
            "de_DE-thorsten_emotional-medium",
            "a",
            "x.y",
            "v1..2",
        ] {
            assert_eq!(check_name(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            ".",
            "..",
            "../x",
            "../../etc",
            "/tmp/x",
            "a/b",
            "a\\b",
            "C:x",
            ".hidden",
            ".x.tmp-1-0-abcd1234",
            "a b",
            "a\0b",
            "a\nb",
            "é",
            "x\u{2215}y", // division slash, which looks like one
            &"a".repeat(101),
        ] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
    }
}
