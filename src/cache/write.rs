//! Writing the next cache file while the build runs (the layout is in the module above).

use super::files::Files;
use super::format::{Header, FORMAT, MAGIC};
use super::fronts::Fronts;
use super::links::NextLinks;
use super::{path_for, Stamp};
use crate::output::now_ns;
use crate::output::Inventory;
use crate::rules::text_memo::Answers;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// The next cache file of a build, shared by the threads that put pages into it: not yet
/// opened (opened by the first page or the tables), open (or the error that stopped it),
/// or finished.
///
/// Once finished it stays so. The tables may be put while the file is being finished (the
/// build does both at once): opening the file again then would truncate the very file being
/// renamed over the cache, through its temporary name.
#[derive(Default)]
pub(super) struct Next(Mutex<State>);

#[derive(Default)]
#[allow(
    clippy::large_enum_variant,
    reason = "one per build, in place behind its lock"
)]
enum State {
    #[default]
    Unopened,
    Open(std::io::Result<NextFile>),
    Finished,
}

impl Next {
    /// Runs `f` on the open file, opening it first if need be; nothing once it is finished.
    /// An error of `f` stops the file: it will not be renamed over the cache.
    pub(super) fn with(
        &self,
        out: &Path,
        header: &Header,
        f: impl FnOnce(&mut NextFile) -> std::io::Result<()>,
    ) {
        let mut state = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let State::Unopened = *state {
            *state = State::Open(NextFile::create(out, header));
        }
        if let State::Open(Ok(file)) = &mut *state {
            if let Err(e) = f(file) {
                *state = State::Open(Err(e));
            }
        }
    }

    /// Takes the open file to finish it; after this, [`Next::with`] does nothing.
    pub(super) fn take(&self) -> std::io::Result<NextFile> {
        let mut state = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        match std::mem::replace(&mut *state, State::Finished) {
            State::Open(next) => next,
            State::Unopened => Err(std::io::Error::other("the cache file was not made")),
            State::Finished => Err(std::io::Error::other("the cache file was finished")),
        }
    }
}

/// The next cache file while the build runs: a temporary file beside the cache, renamed
/// over it by [`NextFile::finish`] after a successful build and removed otherwise.
pub(super) struct NextFile {
    temp: PathBuf,
    body: HashingWriter<std::io::BufWriter<std::fs::File>>,
    /// The length of the pages, once the tables after them are written.
    pages_len: Option<u64>,
    done: bool,
}

impl NextFile {
    pub(super) fn create(out: &Path, header: &Header) -> std::io::Result<NextFile> {
        let path = path_for(out);
        remove_stale_temps(&path);
        let mut temp = path.into_os_string();
        temp.push(format!("{TEMP_INFIX}{}", std::process::id()));
        let temp = PathBuf::from(temp);
        let header = postcard::to_allocvec(header).map_err(std::io::Error::other)?;
        let file = std::fs::File::create(&temp)?;
        let mut next = NextFile {
            temp,
            body: HashingWriter {
                inner: std::io::BufWriter::with_capacity(1 << 20, file),
                hasher: xxhash_rust::xxh3::Xxh3::new(),
                len: 0,
            },
            pages_len: None,
            done: false,
        };
        let w = &mut next.body.inner;
        w.write_all(MAGIC)?;
        w.write_all(&FORMAT.to_le_bytes())?;
        w.write_all(&(header.len() as u32).to_le_bytes())?;
        w.write_all(&header)?;
        Ok(next)
    }

    pub(super) fn put(
        &mut self,
        output: &str,
        stamp: &Stamp,
        record: &[u8],
    ) -> std::io::Result<()> {
        if self.pages_len.is_some() {
            // The pages come before the tables: a page after them would be read as tables.
            return Err(std::io::Error::other("a page was put after the tables"));
        }
        let body = &mut self.body;
        body.put(&(output.len() as u32).to_le_bytes())?;
        body.put(output.as_bytes())?;
        body.put(&stamp.fingerprint.to_le_bytes())?;
        body.put(&stamp.hash.to_le_bytes())?;
        body.put(&stamp.len.to_le_bytes())?;
        let stat = stamp.stat.filter(|s| s.len == stamp.len);
        body.put(&stat.map_or(0, |s| s.mtime_ns).to_le_bytes())?;
        body.put(&stat.map_or(0, |s| s.ino).to_le_bytes())?;
        body.put(&(record.len() as u32).to_le_bytes())?;
        body.put(record)
    }

    /// Adds what follows the pages, but the inventory: the text rules' answers and the
    /// tables. Once; done apart from [`NextFile::finish`] so that it can be written while
    /// the output is still being updated (the inventory comes out of that).
    pub(super) fn put_tables(
        &mut self,
        (key, answers): (u128, Answers),
        links: &NextLinks,
        fronts: &Fronts,
        files: &Files,
    ) -> std::io::Result<()> {
        if self.pages_len.is_some() {
            return Ok(());
        }
        self.pages_len = Some(self.body.len);
        let body = &mut self.body;
        body.put(&key.to_le_bytes())?;
        body.put(&(answers.len() as u32).to_le_bytes())?;
        for (hash, bits) in &answers {
            body.put(&hash.to_le_bytes())?;
            body.put(&bits.to_le_bytes())?;
        }
        links.write(|bytes| body.put(bytes))?;
        fronts.write(|bytes| body.put(bytes))?;
        files.write(|bytes| body.put(bytes))
    }

    /// Adds the inventory and the trailer, and renames the file to `path` (after
    /// [`NextFile::put_tables`]).
    pub(super) fn finish(
        mut self,
        inventory: Option<&Inventory>,
        path: &Path,
    ) -> std::io::Result<()> {
        let Some(pages_len) = self.pages_len else {
            return Err(std::io::Error::other("the tables were not written"));
        };
        let body = &mut self.body;
        let inventory = match inventory {
            Some(inventory) => postcard::to_allocvec(inventory).map_err(std::io::Error::other)?,
            None => Vec::new(),
        };
        body.put(&(inventory.len() as u32).to_le_bytes())?;
        body.put(&inventory)?;
        let (pages_len, written_ns) = (pages_len.to_le_bytes(), now_ns().to_le_bytes());
        body.hasher.update(&pages_len);
        body.hasher.update(&written_ns);
        let (len, hash) = (body.len, body.hasher.digest128());
        let w = &mut body.inner;
        w.write_all(&pages_len)?;
        w.write_all(&written_ns)?;
        w.write_all(&len.to_le_bytes())?;
        w.write_all(&hash.to_le_bytes())?;
        // No fsync: a file cut short by a crash fails its hash and is ignored.
        w.flush()?;
        std::fs::rename(&self.temp, path)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for NextFile {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Between a cache file's name and the process id in its temporary file's name.
const TEMP_INFIX: &str = ".tmp-";

/// Temporary cache files left by builds that were killed.
fn remove_stale_temps(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let prefix = format!("{}{TEMP_INFIX}", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let pid = file_name.strip_prefix(&prefix).and_then(|p| p.parse().ok());
        if pid.is_some_and(|pid| !crate::output::process_alive(pid)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes the cache body, hashing it on the way.
struct HashingWriter<W> {
    inner: W,
    hasher: xxhash_rust::xxh3::Xxh3,
    len: u64,
}

impl<W: Write> HashingWriter<W> {
    fn put(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.hasher.update(bytes);
        self.len += bytes.len() as u64;
        self.inner.write_all(bytes)
    }
}
