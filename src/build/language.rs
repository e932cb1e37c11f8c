//! What a build says about an article's language: rules devocast lacks, and a voice that
//! speaks another language.

use crate::article::Article;
use crate::config::Config;
use crate::voice::Voice;

/// The language warnings of the article read from `file` (relative to the project) and
/// narrated by `voice`: reading rules devocast lacks, and a voice of another language.
pub(super) fn warnings(
    config: &Config,
    article: &Article,
    file: &str,
    voice: &dyn Voice,
) -> Vec<String> {
    let tag = crate::script::article_language(config, article);
    let mut out: Vec<String> = crate::script::unread_language_warning(config, article, file)
        .into_iter()
        .collect();
    if let Some(spoken) = voice.language() {
        // The episode's warnings are said with its name already.
        out.extend(crate::voice::by_language::mismatch(
            &voice.describe(),
            &spoken,
            tag,
        ));
    }
    out
}
