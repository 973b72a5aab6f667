//! A differential run: generate cases, run them on QEMU and on our CPU, compare,
//! shrink and classify the mismatches, and keep the statistics.

use crate::compare::{compare, report, Diff};
use crate::deviations::{explain, Ctx};
use crate::gen::{Gen, Group};
use crate::layout::TEST_PC;
use crate::oracle::Oracle;
use crate::ours::Ours;
use crate::state::{Case, End, Outcome};
use arm64_cpu::decode::Decoder;
use std::collections::BTreeMap;

/// What to run.
#[derive(Clone, Debug)]
pub struct Config {
    /// Groups to draw from (a case mixes encodings of all of them).
    pub groups: Vec<Group>,
    /// Vector lengths in bytes, one QEMU process each.
    pub vls: Vec<usize>,
    /// Test instructions to execute (and compare) per vector length.
    pub insns_per_vl: u64,
    /// Seed.
    pub seed: u64,
    /// Test instructions per case: 1..=max_len.
    pub max_len: usize,
    /// Cases per oracle round trip.
    pub batch: usize,
    /// Full reports kept (the rest are only counted).
    pub max_reports: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            groups: vec![Group::Int, Group::Fp, Group::Simd],
            vls: vec![32],
            insns_per_vl: 10_000,
            seed: 1,
            max_len: 8,
            batch: 512,
            max_reports: 20,
        }
    }
}

/// Per-encoding counters.
#[derive(Clone, Copy, Debug, Default)]
pub struct EncStats {
    /// Executions compared against QEMU.
    pub exercised: u64,
    /// Cases skipped because our CPU reported it unimplemented.
    pub unimplemented: u64,
    /// Unexplained mismatches shrunk to it.
    pub mismatches: u64,
    /// Mismatches explained by a known deviation.
    pub explained: u64,
}

/// The result of a run.
#[derive(Debug, Default)]
pub struct Stats {
    /// Test instructions compared.
    pub executed: u64,
    /// Per vector length.
    pub executed_per_vl: BTreeMap<usize, u64>,
    /// Cases compared.
    pub cases: u64,
    /// Cases ending in a fault on both sides (compared).
    pub faulted: u64,
    /// Cases skipped as unimplemented (ours).
    pub skipped_unimplemented: u64,
    /// Cases skipped because a fixup instruction is unimplemented.
    pub skipped_fixup: u64,
    /// Cases skipped as unsupported (ours).
    pub skipped_unsupported: u64,
    /// Per table line.
    pub per_enc: Vec<EncStats>,
    /// Unexplained mismatches.
    pub mismatches: u64,
    /// Mismatches explained, per deviation id.
    pub explained: BTreeMap<&'static str, u64>,
    /// Full reports of the first unexplained mismatches (one per encoding).
    pub reports: Vec<String>,
    /// Encodings dropped from generation as unimplemented.
    pub dropped: Vec<usize>,
    /// Cases that ended in a fault on both sides, by faulting encoding and class.
    pub faults: BTreeMap<String, u64>,
    /// QEMU crashed or hung on a case: the message with its code, per event.
    pub qemu_failures: Vec<String>,
    /// Encodings dropped because QEMU crashed or hung on them (alone).
    pub qemu_crashers: Vec<&'static str>,
}

impl Stats {
    /// A human summary: counts, unimplemented encodings, explained deviations.
    pub fn summary(&self) -> String {
        let d = Decoder::global();
        let mut s = format!(
            "{} test instructions compared in {} cases ({} ending in a fault on both sides); \
             per VL: {:?}\n{} unexplained mismatches; explained: {:?}\n\
             skipped cases: {} unimplemented, {} unimplemented fixup, {} unsupported\n",
            self.executed,
            self.cases,
            self.faulted,
            self.executed_per_vl,
            self.mismatches,
            self.explained,
            self.skipped_unimplemented,
            self.skipped_fixup,
            self.skipped_unsupported
        );
        let exercised = self.per_enc.iter().filter(|e| e.exercised > 0).count();
        let unimpl: Vec<&str> = self
            .per_enc
            .iter()
            .enumerate()
            .filter(|(_, e)| e.unimplemented > 0 && e.exercised == 0)
            .map(|(i, _)| d.encs[i].enc.name)
            .collect();
        s += &format!(
            "{exercised} encodings exercised; {} unimplemented (skipped): {}\n",
            unimpl.len(),
            unimpl.join(" ")
        );
        if !self.qemu_crashers.is_empty() {
            s += &format!(
                "encodings dropped because QEMU crashed or hung on them: {}\n",
                self.qemu_crashers.join(" ")
            );
        }
        let mut f: Vec<(&String, &u64)> = self.faults.iter().collect();
        f.sort_by(|a, b| b.1.cmp(a.1));
        let top: Vec<String> = f
            .iter()
            .take(12)
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        s += &format!("most frequent faults: {}\n", top.join(", "));
        s
    }
}

fn culprit_pos(case: &Case, pc: u64) -> Option<(usize, Option<u16>)> {
    let k = (pc.checked_sub(TEST_PC)? / 4) as usize;
    let mut pos = 0;
    for (gi, g) in case.groups.iter().enumerate() {
        if k < pos + g.len() {
            return Some((gi, g[k - pos].enc));
        }
        pos += g.len();
    }
    None
}

/// Test instructions of `case` that ran (all before the end or the fault).
fn ran(case: &Case, end: &End) -> Vec<u16> {
    let limit = match end {
        End::Fault { pc, .. } => ((pc.wrapping_sub(TEST_PC)) / 4) as usize + 1,
        _ => usize::MAX,
    };
    case.groups
        .iter()
        .flatten()
        .take(limit)
        .filter_map(|i| i.enc)
        .collect()
}

/// One QEMU process and our CPU at the same VL.
pub struct Pair {
    /// QEMU.
    pub oracle: Oracle,
    /// Ours.
    pub ours: Ours,
}

impl Pair {
    /// Starts both at `vl` bytes.
    pub fn new(vl: usize) -> Result<Pair, String> {
        let oracle = Oracle::start(vl)?;
        let ours = Ours::new(vl, &oracle.prologue, &oracle.epilogue);
        Ok(Pair { oracle, ours })
    }

    /// Runs cases on both sides.
    pub fn run(&mut self, cases: &[Case]) -> Result<Vec<(Outcome, Outcome)>, String> {
        let ours = &mut self.ours;
        let (q, o) = self.oracle.run_batch(cases, || {
            cases.iter().map(|c| ours.run(c)).collect::<Vec<_>>()
        })?;
        Ok(o.into_iter().zip(q).collect())
    }

    /// Shrinks a mismatching case to the first group whose prefix mismatches, and
    /// checks whether that instruction alone (same initial state) mismatches.
    pub fn shrink(&mut self, case: &Case) -> Result<Shrunk, String> {
        let n = case.groups.len();
        let prefixes: Vec<Case> = (1..=n).map(|k| case.prefix(k)).collect();
        let res = self.run(&prefixes)?;
        let mut first = n - 1;
        for (k, (o, q)) in res.iter().enumerate() {
            if !compare(o, q).is_empty() && !matches!(o.end, End::Unimplemented { .. }) {
                first = k;
                break;
            }
        }
        let single = case.single(first);
        let r = self.run(std::slice::from_ref(&single))?;
        let (o, q) = &r[0];
        let d = compare(o, q);
        let alone = !d.is_empty();
        let (case, (o, q)) = if alone {
            (single, r.into_iter().next().unwrap())
        } else {
            (prefixes[first].clone(), res.into_iter().nth(first).unwrap())
        };
        let diffs = compare(&o, &q);
        Ok(Shrunk {
            culprit: case.groups.len() - 1,
            alone,
            case,
            ours: o,
            qemu: q,
            diffs,
        })
    }
}

/// A mismatch shrunk to its instruction.
pub struct Shrunk {
    /// Group index of the responsible instruction in `case` (its last group).
    pub culprit: usize,
    /// It mismatches as the only instruction.
    pub alone: bool,
    /// The shrunk case (that instruction alone, or the prefix ending with it).
    pub case: Case,
    /// Our outcome.
    pub ours: Outcome,
    /// QEMU's.
    pub qemu: Outcome,
    /// Differences.
    pub diffs: Vec<Diff>,
}

/// Runs a campaign.
pub fn run(cfg: &Config) -> Result<Stats, String> {
    let d = Decoder::global();
    let mut gen = Gen::new(cfg.seed);
    let mut stats = Stats {
        per_enc: vec![EncStats::default(); d.encs.len()],
        ..Stats::default()
    };
    let mut reported = std::collections::HashSet::new();
    for &vl in &cfg.vls {
        let mut pair = Pair::new(vl)?;
        let mut done = 0u64;
        let mut idle = 0;
        while done < cfg.insns_per_vl {
            let mut cases = Vec::with_capacity(cfg.batch);
            for _ in 0..cfg.batch {
                let g = cfg.groups[gen.rng.below(cfg.groups.len() as u64) as usize];
                let n = 1 + gen.rng.below(cfg.max_len as u64) as usize;
                let ours = &mut pair.ours;
                if let Some(c) = gen.case(g, vl, n, &mut |w| ours.undefined(w)) {
                    cases.push(c);
                }
            }
            if cases.is_empty() {
                break;
            }
            let res = match pair.run(&cases) {
                Ok(r) => r,
                Err(e) => {
                    // QEMU itself crashed (a TCG assertion) or hung: blame the
                    // encodings of the case it did not answer, restart, go on.
                    let Some(k) = pair.oracle.failed_case else {
                        return Err(e);
                    };
                    stats.qemu_failures.push(e);
                    if stats.qemu_failures.len() > 50 {
                        return Err("QEMU failed more than 50 times".into());
                    }
                    // Find the group QEMU fails on: each alone, in a fresh process.
                    for gi in 0..cases[k].groups.len() {
                        let mut probe = Pair::new(vl)?;
                        if probe.run(&[cases[k].single(gi)]).is_ok() {
                            continue;
                        }
                        if let Some(i) = cases[k].groups[gi].last().and_then(|it| it.enc) {
                            gen.drop_encoding(i as usize);
                            let n = d.encs[i as usize].enc.name;
                            if !stats.qemu_crashers.contains(&n) {
                                stats.qemu_crashers.push(n);
                            }
                        }
                        break;
                    }
                    pair = Pair::new(vl)?;
                    continue;
                }
            };
            let before = done;
            for (case, (o, q)) in cases.iter().zip(res) {
                match o.end {
                    End::Unimplemented { pc, .. } => {
                        match culprit_pos(case, pc) {
                            Some((_, Some(idx))) => {
                                let e = &mut stats.per_enc[idx as usize];
                                e.unimplemented += 1;
                                if e.exercised == 0 && e.unimplemented >= 2 {
                                    gen.drop_encoding(idx as usize);
                                    if !stats.dropped.contains(&(idx as usize)) {
                                        stats.dropped.push(idx as usize);
                                    }
                                }
                                stats.skipped_unimplemented += 1;
                            }
                            _ => stats.skipped_fixup += 1,
                        }
                        continue;
                    }
                    End::Unsupported { .. } => {
                        stats.skipped_unsupported += 1;
                        continue;
                    }
                    _ => {}
                }
                let executed = ran(case, &o.end);
                stats.cases += 1;
                if let End::Fault { kind, pc, .. } = o.end {
                    stats.faulted += 1;
                    let name = match culprit_pos(case, pc) {
                        Some((_, Some(i))) => d.encs[i as usize].enc.name,
                        _ => "(fixup)",
                    };
                    *stats.faults.entry(format!("{name} {kind:?}")).or_default() += 1;
                }
                done += executed.len() as u64;
                for &i in &executed {
                    stats.per_enc[i as usize].exercised += 1;
                }
                if compare(&o, &q).is_empty() {
                    continue;
                }
                let sh = pair.shrink(case)?;
                let item = sh.case.groups[sh.culprit].last().copied();
                let idx = item.and_then(|i| i.enc).map(|i| i as usize);
                let name = idx.map(|i| d.encs[i].enc.name).unwrap_or("(fixup)");
                let ctx = Ctx {
                    name,
                    word: item.map(|i| i.word).unwrap_or(0),
                    case: &sh.case,
                    ours: &sh.ours,
                    qemu: &sh.qemu,
                    diffs: &sh.diffs,
                };
                if let Some(dev) = explain(&ctx) {
                    *stats.explained.entry(dev.id).or_default() += 1;
                    if let Some(i) = idx {
                        stats.per_enc[i].explained += 1;
                    }
                    continue;
                }
                stats.mismatches += 1;
                if let Some(i) = idx {
                    stats.per_enc[i].mismatches += 1;
                }
                if stats.reports.len() < cfg.max_reports && reported.insert(name) {
                    stats.reports.push(report(
                        vl,
                        &sh.case,
                        Some(sh.culprit),
                        Some(sh.alone),
                        &sh.ours,
                        &sh.qemu,
                        &sh.diffs,
                    ));
                }
            }
            if done == before {
                idle += 1;
                if idle > 20 {
                    break;
                }
            } else {
                idle = 0;
            }
        }
        *stats.executed_per_vl.entry(vl).or_default() += done;
        stats.executed += done;
    }
    Ok(stats)
}
