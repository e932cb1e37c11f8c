//! What a listener will hear from one article, in order, as plain steps: the spoken
//! preview (`devocast script FILE --speak`) walks them; the build's own rule for hymns
//! ([`super::proofread::hymn_plan`]) decides what is read and what plays.

use super::proofread::{hymn_plan, Proof};
use crate::script::Cue;

/// One step of listening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A chapter starts (printed, not spoken).
    Chapter(String),
    /// A sentence, as spoken and as written.
    Say { spoken: String, written: String },
    /// Silence, in milliseconds.
    Silence(u32),
    /// A hymn recording plays here (the project-relative file).
    Recording(String),
}

/// The steps of a whole script.
pub fn steps(proof: &Proof) -> Vec<Step> {
    let mut out = Vec::new();
    let mut facts = proof.hymns.iter();
    for cue in &proof.script.cues {
        match cue {
            Cue::Hymn {
                announcement,
                fallback,
                ..
            } => {
                let Some(fact) = facts.next() else { continue };
                let plan = hymn_plan(fact, announcement, fallback, proof.placement);
                push_cues(plan.read, &mut out);
                push_cues(plan.announce, &mut out);
                if let Some(file) = plan.plays {
                    out.push(Step::Recording(file.to_string()));
                }
            }
            other => push_cues(std::slice::from_ref(other), &mut out),
        }
    }
    out
}

fn push_cues(cues: &[Cue], out: &mut Vec<Step>) {
    for cue in cues {
        match cue {
            Cue::Chapter { title } => out.push(Step::Chapter(title.clone())),
            Cue::Speak {
                text_shown,
                text_spoken,
                ..
            } => out.push(Step::Say {
                spoken: text_spoken.clone(),
                written: text_shown.clone(),
            }),
            Cue::Pause { ms } => out.push(Step::Silence(*ms)),
            Cue::Hymn { .. } => {}
        }
    }
}
