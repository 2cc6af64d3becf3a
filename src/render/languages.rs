//! Language names for documents: the summary of training content names languages in words
//! and says which official languages of the Union the data covers. Names come from the
//! ISO 639 tables (through [`LanguageCode`]), so ISO 639-3 codes get names too; the official
//! languages of the Union are named as the Union names them.

use crate::dossier::model::LanguageCode;

/// An official language of the European Union.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EuLanguage {
    /// Its ISO 639-1 code.
    pub code: &'static str,
    /// Its English name as the Union writes it.
    pub name: &'static str,
    /// ISO 639-3 codes of individual languages that are this official language where its
    /// ISO 639-1 code names a macrolanguage: Standard Estonian (`ekk`) of Estonian (`et`,
    /// `est`), Standard Latvian (`lvs`) of Latvian (`lv`, `lav`).
    pub individual: &'static [&'static str],
}

/// The 24 official languages of the European Union, in code order.
///
/// Source: Article 1 of Regulation No 1 of 15 April 1958 determining the languages to be used
/// by the European Economic Community (OJ 17, 6.10.1958, p. 385), as amended by the Acts of
/// Accession (the last, Croatia's, adding Croatian in 2013) and by Council Regulation (EC)
/// No 920/2005 (Irish); the same 24 are listed by the Union at
/// <https://european-union.europa.eu/principles-countries-history/languages_en>. The names
/// are the Union's English names; ISO 639-3 calls Greek "Modern Greek".
pub const EU_OFFICIAL: [EuLanguage; 24] = [
    eu("bg", "Bulgarian"),
    eu("cs", "Czech"),
    eu("da", "Danish"),
    eu("de", "German"),
    eu("el", "Greek"),
    eu("en", "English"),
    eu("es", "Spanish"),
    EuLanguage {
        code: "et",
        name: "Estonian",
        individual: &["ekk"],
    },
    eu("fi", "Finnish"),
    eu("fr", "French"),
    eu("ga", "Irish"),
    eu("hr", "Croatian"),
    eu("hu", "Hungarian"),
    eu("it", "Italian"),
    eu("lt", "Lithuanian"),
    EuLanguage {
        code: "lv",
        name: "Latvian",
        individual: &["lvs"],
    },
    eu("mt", "Maltese"),
    eu("nl", "Dutch"),
    eu("pl", "Polish"),
    eu("pt", "Portuguese"),
    eu("ro", "Romanian"),
    eu("sk", "Slovak"),
    eu("sl", "Slovenian"),
    eu("sv", "Swedish"),
];

const fn eu(code: &'static str, name: &'static str) -> EuLanguage {
    EuLanguage {
        code,
        name,
        individual: &[],
    }
}

/// The official language of the Union a code stands for, whichever ISO 639 code it is
/// written with (`de` and `deu` are both German).
fn eu_language(code: LanguageCode) -> Option<&'static EuLanguage> {
    EU_OFFICIAL
        .iter()
        .find(|eu| code.iso_639_1() == Some(eu.code) || eu.individual.contains(&code.as_str()))
}

/// The English name of a language code: the Union's name for its official languages, the
/// ISO 639-3 table's otherwise. `None` for text that is not a code.
pub fn name(code: &str) -> Option<&'static str> {
    let code = LanguageCode::parse(code)?;
    Some(eu_language(code).map_or_else(|| code.name(), |eu| eu.name))
}

/// `German (de)`, or with a share `English (en, about 60 %)`; text that is not a code is
/// shown as written.
pub fn describe(code: &str, share_percent: Option<f64>) -> String {
    let code = code.trim();
    let share = share_percent
        .filter(|s| s.is_finite())
        .map(|s| format!("about {s} %"));
    match (name(code), share) {
        (Some(name), Some(share)) => format!("{name} ({code}, {share})"),
        (Some(name), None) => format!("{name} ({code})"),
        (None, Some(share)) => format!("{code} ({share})"),
        (None, None) => code.to_owned(),
    }
}

/// The official languages of the Union among `codes`, as names, in code order, each once.
pub fn eu_official_among<'a>(codes: impl IntoIterator<Item = &'a str>) -> Vec<&'static str> {
    let found: Vec<&'static EuLanguage> = codes
        .into_iter()
        .filter_map(|c| LanguageCode::parse(c.trim()))
        .filter_map(eu_language)
        .collect();
    EU_OFFICIAL
        .iter()
        .filter(|eu| found.iter().any(|f| f.code == eu.code))
        .map(|eu| eu.name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_named_from_the_iso_tables_with_shares() {
        assert_eq!(describe("de", None), "German (de)");
        assert_eq!(describe("szl", None), "Silesian (szl)");
        assert_eq!(describe("gsw", Some(3.0)), "Swiss German (gsw, about 3 %)");
        assert_eq!(describe("en", Some(60.0)), "English (en, about 60 %)");
        assert_eq!(describe("fr", Some(12.5)), "French (fr, about 12.5 %)");
        assert_eq!(describe("nl", Some(0.25)), "Dutch (nl, about 0.25 %)");
        assert_eq!(describe("rm", None), "Romansh (rm)");
        // The Union's name, not ISO 639-3's "Modern Greek".
        assert_eq!(describe("el", None), "Greek (el)");
        assert_eq!(describe("xx", None), "xx");
    }

    #[test]
    fn eu_languages_are_found_by_any_of_their_codes_once_each() {
        assert_eq!(
            eu_official_among(["en", "th", "deu", "fr", "de", "szl"]),
            ["German", "English", "French"]
        );
        assert_eq!(
            eu_official_among(["ekk", "lvs", "gle"]),
            ["Estonian", "Irish", "Latvian"]
        );
        assert!(eu_official_among(["rm", "gsw", "no"]).is_empty());
    }

    #[test]
    fn the_eu_list_has_24_languages_whose_names_agree_with_iso_but_greek() {
        assert_eq!(EU_OFFICIAL.len(), 24);
        for eu in EU_OFFICIAL {
            let code = LanguageCode::parse(eu.code).expect("an ISO 639-1 code");
            if eu.code == "el" {
                assert_eq!(code.name(), "Modern Greek");
            } else {
                assert_eq!(code.name(), eu.name, "{}", eu.code);
            }
            for individual in eu.individual {
                assert!(LanguageCode::parse(individual).is_some(), "{individual}");
            }
        }
        let mut codes: Vec<&str> = EU_OFFICIAL.iter().map(|eu| eu.code).collect();
        codes.dedup();
        assert_eq!(codes.len(), 24);
        assert!(codes.is_sorted());
    }
}
