//! The system espeak-ng library (`libespeak-ng.so.1`), loaded at run time.
//!
//! A handful of hand-written declarations from `speak_lib.h` are enough; loading at run time
//! means no build-time dependency and a clean fallback when the library is absent.
//!
//! The library keeps state from one sentence to the next in static variables that no call
//! resets (pitch flutter, gain control, cycle counters), so the same sentence sounds slightly
//! different depending on what was said before it, and the order sentences reach it would
//! change an episode's bytes. Each sentence is therefore spoken by a freshly loaded library
//! (load, initialise, speak, unload: about 6 ms), so its audio depends only on its text and
//! the voice settings. One call runs at a time: the library's state is process-wide.

use super::{i16_to_f32, Speech, Voice};
use crate::config::VoiceConfig;
use anyhow::{anyhow, bail, Context, Result};
use libloading::Library;
use std::cell::RefCell;
use std::ffi::{c_char, c_int, c_short, c_uint, c_void, CStr, CString};
use std::sync::{Mutex, OnceLock};

const AUDIO_OUTPUT_SYNCHRONOUS: c_int = 2;
const POS_CHARACTER: c_int = 1;
const ESPEAK_CHARS_UTF8: c_uint = 1;
const ESPEAK_PHONEMES: c_uint = 0x100;
const ESPEAK_RATE: c_int = 1;
const ESPEAK_VOLUME: c_int = 2;
const ESPEAK_PITCH: c_int = 3;
const EE_OK: c_int = 0;

type SynthCallback = unsafe extern "C" fn(*mut c_short, c_int, *mut c_void) -> c_int;

/// The entry points of one loaded copy of the library.
struct Engine {
    // Kept last so the functions are dropped before the library is unloaded.
    set_voice_by_name: unsafe extern "C" fn(*const c_char) -> c_int,
    set_parameter: unsafe extern "C" fn(c_int, c_int, c_int) -> c_int,
    synth: unsafe extern "C" fn(
        *const c_void,
        usize,
        c_uint,
        c_int,
        c_uint,
        c_uint,
        *mut c_uint,
        *mut c_void,
    ) -> c_int,
    synchronize: unsafe extern "C" fn() -> c_int,
    terminate: unsafe extern "C" fn() -> c_int,
    version: String,
    rate: u32,
    _lib: Library,
}

/// Serialises use of the library: its state is process-wide.
static LOCK: Mutex<()> = Mutex::new(());

/// The library's file name that loaded, found once per process.
static FOUND: OnceLock<Result<&'static str, String>> = OnceLock::new();

thread_local! {
    static COLLECT: RefCell<Vec<i16>> = const { RefCell::new(Vec::new()) };
}

unsafe extern "C" fn collect(wav: *mut c_short, n: c_int, _events: *mut c_void) -> c_int {
    if !wav.is_null() && n > 0 {
        // SAFETY: espeak-ng hands us `n` valid samples for the duration of the call.
        let samples = unsafe { std::slice::from_raw_parts(wav, n as usize) };
        COLLECT.with(|c| c.borrow_mut().extend_from_slice(samples));
    }
    0
}

/// The names the library goes by: Linux, then macOS (Homebrew).
#[cfg(target_os = "macos")]
const LIBRARY_NAMES: &[&str] = &["libespeak-ng.1.dylib", "libespeak-ng.dylib"];
#[cfg(not(target_os = "macos"))]
const LIBRARY_NAMES: &[&str] = &["libespeak-ng.so.1", "libespeak-ng.so"];

fn find() -> Result<&'static str, String> {
    let mut last = String::new();
    for name in LIBRARY_NAMES {
        // SAFETY: loading espeak-ng runs no initialisers with preconditions.
        match unsafe { Library::new(name) } {
            Ok(_) => return Ok(name),
            Err(e) => last = e.to_string(),
        }
    }
    Err(format!(
        "the system espeak-ng library was not found ({last}); install it with \
         `apt-get install libespeak-ng1` (Debian/Ubuntu), `dnf install espeak-ng` (Fedora) \
         or `brew install espeak-ng` (macOS), or use `engine = \"embedded\"`"
    ))
}

impl Engine {
    /// Loads a fresh copy of the library and initialises it. The caller holds [`LOCK`].
    fn load(name: &str) -> Result<Engine> {
        // SAFETY: the signatures below are those of speak_lib.h in espeak-ng 1.49–1.52.
        unsafe {
            let lib = Library::new(name)?;
            let initialize: libloading::Symbol<
                unsafe extern "C" fn(c_int, c_int, *const c_char, c_int) -> c_int,
            > = lib.get(b"espeak_Initialize\0")?;
            let set_cb: libloading::Symbol<unsafe extern "C" fn(SynthCallback)> =
                lib.get(b"espeak_SetSynthCallback\0")?;
            let info: libloading::Symbol<
                unsafe extern "C" fn(*mut *const c_char) -> *const c_char,
            > = lib.get(b"espeak_Info\0")?;
            let rate = initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, std::ptr::null(), 0);
            if rate <= 0 {
                bail!("espeak_Initialize failed (is espeak-ng-data installed?)");
            }
            set_cb(collect);
            let v = info(std::ptr::null_mut());
            let version = if v.is_null() {
                "unknown".to_string()
            } else {
                CStr::from_ptr(v).to_string_lossy().into_owned()
            };
            Ok(Engine {
                set_voice_by_name: *lib.get(b"espeak_SetVoiceByName\0")?,
                set_parameter: *lib.get(b"espeak_SetParameter\0")?,
                synth: *lib.get(b"espeak_Synth\0")?,
                synchronize: *lib.get(b"espeak_Synchronize\0")?,
                terminate: *lib.get(b"espeak_Terminate\0")?,
                version,
                rate: rate as u32,
                _lib: lib,
            })
        }
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        // SAFETY: the library is still loaded; it is unloaded right after, with `_lib`.
        unsafe {
            (self.terminate)();
        }
    }
}

/// The system espeak-ng voice.
pub struct SystemEspeak {
    library: &'static str,
    voice: CString,
    rate: u32,
    pitch: u32,
    version: String,
    sample_rate: u32,
}

impl SystemEspeak {
    /// Finds the library and checks the voice exists.
    pub fn open(config: &VoiceConfig) -> Result<SystemEspeak> {
        let name = *FOUND
            .get_or_init(find)
            .as_ref()
            .map_err(|e| anyhow!("{e}"))?;
        let voice = CString::new(config.name.clone()).context("voice name contains NUL")?;
        let _guard = LOCK
            .lock()
            .map_err(|_| anyhow!("espeak-ng lock poisoned"))?;
        let engine = Engine::load(name)?;
        // SAFETY: a valid C string; the lock serialises access to the library.
        if unsafe { (engine.set_voice_by_name)(voice.as_ptr()) } != EE_OK {
            bail!("the system espeak-ng has no voice named {:?}", config.name);
        }
        Ok(SystemEspeak {
            library: name,
            voice,
            rate: config.rate,
            pitch: config.pitch,
            version: engine.version.clone(),
            sample_rate: engine.rate,
        })
    }
}

impl SystemEspeak {
    /// The library's version ("1.51").
    pub fn version(&self) -> &str {
        &self.version
    }
}

impl Voice for SystemEspeak {
    fn language(&self) -> Option<String> {
        Some(super::languages::espeak_language(
            &self.voice.to_string_lossy(),
        ))
    }

    fn describe(&self) -> String {
        format!(
            "system espeak-ng {} ({})",
            self.version,
            self.voice.to_string_lossy()
        )
    }

    fn id(&self) -> String {
        format!(
            "espeak-system-fresh/{}/{}/rate={}/pitch={}",
            self.version,
            self.voice.to_string_lossy(),
            self.rate,
            self.pitch
        )
    }

    fn accepts_phonemes(&self) -> bool {
        true
    }

    fn identity(&self) -> super::Identity {
        super::Identity {
            engine: super::identity::engine::SYSTEM.into(),
            name: self.voice.to_string_lossy().into_owned(),
            version: Some(self.version.clone()),
            digest: None,
            speaker: None,
            from: None,
        }
    }

    fn synthesize(&self, text: &str) -> Result<Speech> {
        let text = CString::new(text.replace('\0', " "))?;
        let _guard = LOCK
            .lock()
            .map_err(|_| anyhow!("espeak-ng lock poisoned"))?;
        // A fresh library for every sentence: nothing said before can colour this one.
        let api = Engine::load(self.library)?;
        COLLECT.with(|c| c.borrow_mut().clear());
        // SAFETY: the lock is held; the text outlives the synchronous call.
        unsafe {
            (api.set_voice_by_name)(self.voice.as_ptr());
            (api.set_parameter)(ESPEAK_RATE, self.rate as c_int, 0);
            (api.set_parameter)(ESPEAK_PITCH, self.pitch as c_int, 0);
            (api.set_parameter)(ESPEAK_VOLUME, 100, 0);
            let bytes = text.as_bytes_with_nul();
            let err = (api.synth)(
                bytes.as_ptr().cast(),
                bytes.len(),
                0,
                POS_CHARACTER,
                0,
                ESPEAK_CHARS_UTF8 | ESPEAK_PHONEMES,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            );
            if err != EE_OK {
                bail!("espeak_Synth failed with code {err}");
            }
            (api.synchronize)();
        }
        let samples = COLLECT.with(|c| std::mem::take(&mut *c.borrow_mut()));
        Ok(Speech {
            samples: i16_to_f32(&samples),
            rate: self.sample_rate,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The system library, or `None` (said) where it is missing and not required.
    fn open(name: &str) -> Option<SystemEspeak> {
        let config = VoiceConfig {
            name: name.into(),
            ..VoiceConfig::default()
        };
        match SystemEspeak::open(&config) {
            Ok(v) => Some(v),
            Err(e) if std::env::var(super::super::REQUIRE_SYSTEM_ENV).is_ok_and(|v| v == "1") => {
                panic!("{}=1 but: {e:#}", super::super::REQUIRE_SYSTEM_ENV)
            }
            Err(_) => {
                eprintln!("SKIPPED: the system espeak-ng library is not installed");
                None
            }
        }
    }

    #[test]
    fn the_system_voice_says_its_language() {
        for (name, language) in [("es", "es"), ("es-419", "es-419"), ("en", "en")] {
            let Some(v) = open(name) else { return };
            assert_eq!(v.language().as_deref(), Some(language), "{name}");
        }
    }

    #[test]
    fn every_language_s_voice_opens() {
        // The names come from a table; espeak-ng takes only its files' names.
        for tag in [
            "en", "en-US", "en-GB", "en-AU", "en-JM", "es", "es-MX", "es-419", "pt-BR", "pt-PT",
            "fr-BE", "fr-CH", "vi-VN", "de", "sw", "iw",
        ] {
            let name = crate::voice::languages::espeak_voice(tag);
            if open(&name).is_none() {
                return;
            }
        }
    }
}
