#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| aiact_fuzz_entry::render_typst(data));
