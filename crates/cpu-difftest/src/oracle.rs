//! The QEMU side: one `qemu-aarch64 -cpu max,sve-default-vector-length=VL` process
//! running oracle/oracle.c, fed batches of cases over a pipe.
//!
//! Protocol (little-endian). On start the oracle writes `"DTOR"`, its VL in bytes,
//! the prologue words (count, words) and the epilogue words. Requests: tag u32
//! (0 quit, 1 case, 2 sync). A case is: ncode u32, seed u64, 35 u64 (X0..X30, SP,
//! NZCV, FPCR, FPSR), FFR (VL/8 bytes), P0..P15 (VL/8 each), Z0..Z31 (VL each), the
//! code words. The answer: status, signo, si_code, flags (u32 each), fault address,
//! PC (u64), the same register block, then the changed scratch words (count u32,
//! then offset u32 + value u64 each). A sync is answered with `"SYNC"` and a flush.

use crate::state::{ArchState, Case, End, FaultDetail, FaultKind, Outcome};
use std::io::{BufReader, BufWriter, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// Path of the oracle binary built by build.rs.
pub const ORACLE: &str = env!("DIFFTEST_ORACLE");

/// A running oracle at one vector length.
pub struct Oracle {
    child: Child,
    stdin: Option<ChildStdin>,
    out: BufReader<ChildStdout>,
    /// Vector length in bytes (as the oracle's RDVL reported it).
    pub vl: usize,
    /// Prologue words (including the final branch to the test code).
    pub prologue: Vec<u32>,
    /// Epilogue words (placed right after the test code).
    pub epilogue: Vec<u32>,
    /// After a failed batch: the case QEMU did not answer (it crashed or hung there).
    pub failed_case: Option<usize>,
}

fn rd_u32(r: &mut impl Read) -> std::io::Result<u32> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

fn rd_u64(r: &mut impl Read) -> std::io::Result<u64> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b)?;
    Ok(u64::from_le_bytes(b))
}

fn rd_words(r: &mut impl Read) -> std::io::Result<Vec<u32>> {
    let n = rd_u32(r)? as usize;
    (0..n).map(|_| rd_u32(r)).collect()
}

fn rd_state(r: &mut impl Read, vl: usize) -> std::io::Result<ArchState> {
    let mut s = ArchState::zeroed(vl);
    for i in 0..31 {
        s.x[i] = rd_u64(r)?;
    }
    s.sp = rd_u64(r)?;
    s.nzcv = rd_u64(r)?;
    s.fpcr = rd_u64(r)?;
    s.fpsr = rd_u64(r)?;
    r.read_exact(&mut s.ffr)?;
    r.read_exact(&mut s.p)?;
    r.read_exact(&mut s.z)?;
    Ok(s)
}

fn encode_case(buf: &mut Vec<u8>, c: &Case) {
    let words = c.words();
    buf.extend_from_slice(&1u32.to_le_bytes());
    buf.extend_from_slice(&(words.len() as u32).to_le_bytes());
    buf.extend_from_slice(&c.seed.to_le_bytes());
    let s = &c.init;
    for v in s.x.iter().chain([&s.sp, &s.nzcv, &s.fpcr, &s.fpsr]) {
        buf.extend_from_slice(&v.to_le_bytes());
    }
    buf.extend_from_slice(&s.ffr);
    buf.extend_from_slice(&s.p);
    buf.extend_from_slice(&s.z);
    for w in words {
        buf.extend_from_slice(&w.to_le_bytes());
    }
}

/// Maps a Linux signal to the fault class.
pub fn signal_kind(signo: u32) -> FaultKind {
    match signo {
        4 => FaultKind::Undefined,
        11 => FaultKind::Unmapped,
        7 => FaultKind::Alignment,
        5 => FaultKind::Breakpoint,
        _ => FaultKind::Other,
    }
}

impl Oracle {
    /// Starts the oracle at vector length `vl` bytes (16..=256, a multiple of 16).
    pub fn start(vl: usize) -> Result<Oracle, String> {
        let mut child = Command::new("qemu-aarch64")
            .arg("-cpu")
            .arg(format!("max,sve-default-vector-length={vl}"))
            .arg(ORACLE)
            .arg(vl.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("starting qemu-aarch64: {e}"))?;
        let stdin = child.stdin.take();
        let mut out = BufReader::with_capacity(1 << 16, child.stdout.take().unwrap());
        let hello = (|| -> std::io::Result<(u32, u32, Vec<u32>, Vec<u32>)> {
            let magic = rd_u32(&mut out)?;
            let got = rd_u32(&mut out)?;
            let pro = rd_words(&mut out)?;
            let epi = rd_words(&mut out)?;
            Ok((magic, got, pro, epi))
        })();
        let (magic, got, prologue, epilogue) =
            hello.map_err(|e| format!("oracle handshake: {e}"))?;
        if magic != 0x524f_5444 {
            return Err(format!("oracle handshake: bad magic {magic:#x}"));
        }
        if got as usize != vl {
            return Err(format!("oracle runs at VL {got} bytes, asked for {vl}"));
        }
        Ok(Oracle {
            child,
            stdin,
            out,
            vl,
            prologue,
            epilogue,
            failed_case: None,
        })
    }

    /// Runs `cases` and returns their outcomes in order. The cases are written by a
    /// helper thread while this one reads, so neither pipe fills up; `meanwhile`
    /// runs on this thread before the answers are read (our CPU's side, in parallel
    /// with QEMU).
    pub fn run_batch<T>(
        &mut self,
        cases: &[Case],
        meanwhile: impl FnOnce() -> T,
    ) -> Result<(Vec<Outcome>, T), String> {
        let mut buf = Vec::new();
        for c in cases {
            encode_case(&mut buf, c);
        }
        buf.extend_from_slice(&2u32.to_le_bytes());
        let mut stdin = self.stdin.take().ok_or("oracle stdin gone")?;
        let writer = std::thread::spawn(move || {
            let r = {
                let mut w = BufWriter::with_capacity(1 << 16, &mut stdin);
                w.write_all(&buf).and_then(|_| w.flush())
            };
            (stdin, r)
        });
        // Watchdog: a case that never ends (QEMU looping) would hang the run; kill
        // the QEMU process we started, and name the case it was stuck in.
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let fired = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let watchdog = {
            let (done, fired) = (done.clone(), fired.clone());
            let pid = self.child.id();
            let limit = std::time::Duration::from_secs(60 + cases.len() as u64 / 10);
            std::thread::spawn(move || {
                let start = std::time::Instant::now();
                while !done.load(std::sync::atomic::Ordering::Acquire) {
                    if start.elapsed() > limit {
                        fired.store(true, std::sync::atomic::Ordering::Release);
                        let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
                        return;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
            })
        };
        let t = meanwhile();
        let vl = self.vl;
        let mut res = Vec::with_capacity(cases.len());
        let mut err = None;
        for _ in cases {
            match read_outcome(&mut self.out, vl) {
                Ok(o) => res.push(o),
                Err(e) => {
                    let k = res.len();
                    self.failed_case = Some(k);
                    err = Some(if fired.load(std::sync::atomic::Ordering::Acquire) {
                        format!(
                            "QEMU did not finish case {k} of the batch (killed):\n{}",
                            crate::compare::describe_case(&cases[k])
                        )
                    } else {
                        format!("reading oracle answer for case {k}: {e}")
                    });
                    break;
                }
            }
        }
        done.store(true, std::sync::atomic::Ordering::Release);
        let _ = watchdog.join();
        if err.is_none() {
            match rd_u32(&mut self.out) {
                Ok(0x434e_5953) => {}
                Ok(v) => err = Some(format!("oracle out of sync ({v:#x})")),
                Err(e) => err = Some(format!("oracle sync: {e}")),
            }
        }
        let (stdin, wr) = writer.join().map_err(|_| "oracle writer panicked")?;
        self.stdin = Some(stdin);
        if let Some(e) = err {
            return Err(e);
        }
        wr.map_err(|e| format!("writing to the oracle: {e}"))?;
        Ok((res, t))
    }
}

fn read_outcome(r: &mut impl Read, vl: usize) -> std::io::Result<Outcome> {
    let status = rd_u32(r)?;
    let signo = rd_u32(r)?;
    let code = rd_u32(r)?;
    let flags = rd_u32(r)?;
    let addr = rd_u64(r)?;
    let pc = rd_u64(r)?;
    let state = rd_state(r, vl)?;
    let n = rd_u32(r)?;
    // At most one entry per 8-byte word of the scratch block; more means the stream
    // is garbled (the oracle died mid-write), which the caller treats as a crash.
    if n as usize > crate::layout::SCRATCH_SIZE as usize / 8 {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("oracle sent {n} memory words"),
        ));
    }
    let mut mem = Vec::with_capacity(n as usize);
    for _ in 0..n {
        let off = rd_u32(r)?;
        mem.push((off, rd_u64(r)?));
    }
    let end = if status == 0 {
        End::Done
    } else {
        End::Fault {
            kind: signal_kind(signo),
            pc,
            detail: FaultDetail::Signal {
                signo,
                code,
                addr,
                sve: flags & 1 != 0,
            },
        }
    };
    Ok(Outcome { end, state, mem })
}

impl Drop for Oracle {
    fn drop(&mut self) {
        if let Some(mut s) = self.stdin.take() {
            let _ = s.write_all(&0u32.to_le_bytes());
        }
        let _ = self.child.wait();
    }
}
