//! Podcasting 2.0 JSON chapters (`application/json+chapters`).

use serde::Serialize;

#[derive(Serialize)]
struct File<'a> {
    version: &'static str,
    chapters: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct Entry<'a> {
    #[serde(rename = "startTime")]
    start_time: f64,
    title: std::borrow::Cow<'a, str>,
}

/// Renders chapters (start seconds, title) as the JSON chapters format, times to the
/// millisecond.
pub fn json(chapters: &[(f64, String)]) -> String {
    let file = File {
        version: "1.2.0",
        chapters: chapters
            .iter()
            .map(|(s, t)| Entry {
                start_time: (s * 1000.0).round() / 1000.0,
                title: crate::sanitize::clean(t),
            })
            .collect(),
    };
    // Serialising plain structs of strings and floats cannot fail (a non-finite float
    // becomes null).
    serde_json::to_string_pretty(&file).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    #[test]
    fn chapters_json_shape() {
        let j = super::json(&[(0.0, "Intro".into()), (12.34567, "Next".into())]);
        let v: serde_json::Value = serde_json::from_str(&j).unwrap();
        assert_eq!(v["version"], "1.2.0");
        assert_eq!(v["chapters"][1]["startTime"], 12.346);
        assert_eq!(v["chapters"][1]["title"], "Next");
    }
}
