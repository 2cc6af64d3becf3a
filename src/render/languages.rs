//! Language names for documents: the summary of training content names languages in words
//! and says which official languages of the Union the data covers.

/// The 24 official languages of the European Union (ISO 639-1), in code order.
pub const EU_OFFICIAL: [&str; 24] = [
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv",
    "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
];

/// English names of ISO 639-1 codes: the EU languages and the languages most often found in
/// training data. Codes not listed are shown as the code itself.
const NAMES: &[(&str, &str)] = &[
    ("af", "Afrikaans"),
    ("am", "Amharic"),
    ("ar", "Arabic"),
    ("az", "Azerbaijani"),
    ("be", "Belarusian"),
    ("bg", "Bulgarian"),
    ("bn", "Bengali"),
    ("bs", "Bosnian"),
    ("ca", "Catalan"),
    ("cs", "Czech"),
    ("cy", "Welsh"),
    ("da", "Danish"),
    ("de", "German"),
    ("el", "Greek"),
    ("en", "English"),
    ("eo", "Esperanto"),
    ("es", "Spanish"),
    ("et", "Estonian"),
    ("eu", "Basque"),
    ("fa", "Persian"),
    ("fi", "Finnish"),
    ("fr", "French"),
    ("ga", "Irish"),
    ("gl", "Galician"),
    ("gu", "Gujarati"),
    ("he", "Hebrew"),
    ("hi", "Hindi"),
    ("hr", "Croatian"),
    ("hu", "Hungarian"),
    ("hy", "Armenian"),
    ("id", "Indonesian"),
    ("is", "Icelandic"),
    ("it", "Italian"),
    ("ja", "Japanese"),
    ("ka", "Georgian"),
    ("kk", "Kazakh"),
    ("km", "Khmer"),
    ("kn", "Kannada"),
    ("ko", "Korean"),
    ("lb", "Luxembourgish"),
    ("lt", "Lithuanian"),
    ("lv", "Latvian"),
    ("mk", "Macedonian"),
    ("ml", "Malayalam"),
    ("mn", "Mongolian"),
    ("mr", "Marathi"),
    ("ms", "Malay"),
    ("mt", "Maltese"),
    ("my", "Burmese"),
    ("nb", "Norwegian Bokmål"),
    ("ne", "Nepali"),
    ("nl", "Dutch"),
    ("nn", "Norwegian Nynorsk"),
    ("no", "Norwegian"),
    ("pa", "Punjabi"),
    ("pl", "Polish"),
    ("ps", "Pashto"),
    ("pt", "Portuguese"),
    ("ro", "Romanian"),
    ("ru", "Russian"),
    ("si", "Sinhala"),
    ("sk", "Slovak"),
    ("sl", "Slovenian"),
    ("sq", "Albanian"),
    ("sr", "Serbian"),
    ("sv", "Swedish"),
    ("sw", "Swahili"),
    ("ta", "Tamil"),
    ("te", "Telugu"),
    ("th", "Thai"),
    ("tl", "Tagalog"),
    ("tr", "Turkish"),
    ("uk", "Ukrainian"),
    ("ur", "Urdu"),
    ("uz", "Uzbek"),
    ("vi", "Vietnamese"),
    ("yo", "Yoruba"),
    ("zh", "Chinese"),
    ("zu", "Zulu"),
];

/// `German (de)` for a known code; the code itself otherwise.
pub fn describe(code: &str) -> String {
    let lower = code.trim().to_ascii_lowercase();
    match NAMES.iter().find(|(c, _)| *c == lower) {
        Some((_, name)) => format!("{name} ({lower})"),
        None => code.trim().to_owned(),
    }
}

/// The official languages of the Union among `codes`, as names.
pub fn eu_official_among(codes: &[String]) -> Vec<String> {
    EU_OFFICIAL
        .iter()
        .filter(|eu| codes.iter().any(|c| c.trim().eq_ignore_ascii_case(eu)))
        .map(|eu| {
            NAMES
                .iter()
                .find(|(c, _)| c == eu)
                .map_or((*eu).to_owned(), |(_, name)| (*name).to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_named_and_eu_ones_counted() {
        assert_eq!(describe("de"), "German (de)");
        assert_eq!(describe("xx"), "xx");
        let codes: Vec<String> = ["en", "th", "DE", "fr"].map(String::from).to_vec();
        assert_eq!(eu_official_among(&codes), ["German", "English", "French"]);
        assert!(
            EU_OFFICIAL
                .iter()
                .all(|c| NAMES.iter().any(|(n, _)| n == c))
        );
    }
}
