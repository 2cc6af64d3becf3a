//! SHA-256, the one digest of aiact: of bytes in memory, of files and directory trees
//! (streaming in constant memory, several files at once on all cores), the `sha256sum` line
//! format, and `aiact digest`'s printing. Used by `build` for model artefacts and manifests,
//! by `verify`, by `import` and by the report.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use sha2::{Digest, Sha256};

use crate::diag::{Error, Result};

/// Bytes read at a time: large enough that system calls cost nothing next to hashing.
const CHUNK: usize = 1 << 20;

/// The size and lower-case hex SHA-256 of a file, or why it could not be read.
pub type Hashed = std::io::Result<(u64, String)>;

/// The size and SHA-256 (lower-case hex) of one file, read once from start to end.
pub fn file(path: &Path, progress: &(dyn Fn(u64) + Sync)) -> Hashed {
    let mut reader = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; CHUNK];
    let mut size = 0u64;
    loop {
        let read = match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&buffer[..read]);
        size += read as u64;
        progress(read as u64);
    }
    Ok((size, hex::encode(hasher.finalize())))
}

/// Hashes `paths` on up to `threads` threads; the results are in the order of `paths`.
pub fn files(paths: &[PathBuf], threads: usize, progress: &(dyn Fn(u64) + Sync)) -> Vec<Hashed> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Hashed>>> = Mutex::new((0..paths.len()).map(|_| None).collect());
    let workers = threads.clamp(1, paths.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(path) = paths.get(index) else {
                        break;
                    };
                    let result = file(path, progress);
                    if let Ok(mut all) = results.lock() {
                        all[index] = Some(result);
                    }
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(std::io::Error::other("not hashed"))))
        .collect()
}

/// The threads to hash with: one per core.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// What `aiact digest` hashes for the given arguments: files as given, directories as every
/// regular file below them in sorted order. Symbolic links are not followed (a link inside a
/// tree could lead anywhere); they are returned separately so the caller can say so.
pub fn expand(inputs: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let mut found = Vec::new();
    let mut links = Vec::new();
    for input in inputs {
        let metadata = std::fs::symlink_metadata(input).map_err(|e| Error::io(input, e))?;
        if metadata.is_dir() {
            walk(input, &mut found, &mut links)?;
        } else if metadata.file_type().is_symlink() {
            // A link named on the command line is what the user asked for: follow it, as
            // sha256sum does.
            found.push(input.clone());
        } else {
            found.push(input.clone());
        }
    }
    Ok((found, links))
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>, links: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let metadata = std::fs::symlink_metadata(&path).map_err(|e| Error::io(&path, e))?;
        if metadata.file_type().is_symlink() {
            links.push(path);
        } else if metadata.is_dir() {
            walk(&path, found, links)?;
        } else if metadata.is_file() {
            found.push(path);
        }
    }
    Ok(())
}

/// The lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: impl AsRef<[u8]>) -> String {
    hex::encode(Sha256::digest(bytes.as_ref()))
}

/// A `sha256sum` line: the digest, two spaces, the path (with `/` separators).
pub fn sum_line(sha256: &str, path: &str) -> String {
    format!("{sha256}  {path}\n")
}

/// `aiact digest`: sha256sum lines for files and directory trees, in argument order (trees
/// sorted), with a progress bar on a terminal.
pub fn print_digests(inputs: &[PathBuf], threads: Option<usize>) -> Result<()> {
    let (files, links) = expand(inputs)?;
    for link in &links {
        eprintln!(
            "skipped symbolic link {} (links inside a directory are not followed)",
            link.display()
        );
    }
    let total: u64 = files
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let bar = if std::io::stderr().is_terminal() && total > 64 * 1024 * 1024 {
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };
    let progress = |n: u64| {
        if let Some(bar) = &bar {
            bar.inc(n);
        }
    };
    let results = self::files(&files, threads.unwrap_or_else(default_threads), &progress);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let mut stdout = std::io::stdout().lock();
    for (path, result) in files.iter().zip(results) {
        let (_, sha256) = result.map_err(|e| Error::io(path, e))?;
        let shown = path.to_string_lossy().replace('\\', "/");
        stdout
            .write_all(sum_line(&sha256, &shown).as_bytes())
            .map_err(|e| Error::io("<stdout>", e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_match_known_values_in_any_thread_count() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty");
        let abc = dir.path().join("abc");
        let big = dir.path().join("big");
        std::fs::write(&empty, b"").unwrap();
        std::fs::write(&abc, b"abc").unwrap();
        std::fs::write(&big, vec![b'a'; CHUNK * 2 + 7]).unwrap();
        let paths = vec![empty, abc, big.clone()];
        for threads in [1, 2, 5] {
            let results = files(&paths, threads, &|_| {});
            let digests: Vec<String> = results.into_iter().map(|r| r.unwrap().1).collect();
            assert_eq!(
                digests[0],
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
            );
            assert_eq!(
                digests[1],
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
            );
            let expected = hex::encode(Sha256::digest(std::fs::read(&big).unwrap()));
            assert_eq!(digests[2], expected);
        }
    }

    #[test]
    fn directories_expand_sorted_without_following_links() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("b/c")).unwrap();
        std::fs::write(dir.path().join("b/c/z"), b"z").unwrap();
        std::fs::write(dir.path().join("a"), b"a").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink("/etc", dir.path().join("link")).unwrap();
        let (found, links) = expand(&[dir.path().to_path_buf()]).unwrap();
        let names: Vec<_> = found
            .iter()
            .map(|p| {
                p.strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a", "b/c/z"]);
        #[cfg(unix)]
        assert_eq!(links.len(), 1);
    }
}
