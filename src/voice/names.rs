//! What a voice's name is: the default voice, and telling a name from a file.

/// The voice a first build fetches when no neural voice is installed: trained from scratch
/// on LJ Speech, which is in the public domain, so nothing restricts the audio it makes.
pub const DEFAULT_VOICE: &str = "en_US-ljspeech-medium";

/// Whether `voice.model` names a voice (`en_US-ljspeech-medium`) rather than a file.
pub fn is_name(setting: &str) -> bool {
    !setting.contains('/') && !setting.contains('\\') && !setting.ends_with(".onnx")
}
