#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| aiact_fuzz_entry::dossier_systemic_risk(data));
