// netcost — Apache-2.0
//
// A stable peak (issue 16, item 7): the rules that combine measured rounds,
// the cache that keeps them per machine, and the other-process detector,
// all fed with made-up measurements (no test times anything).

import Foundation
import NetCostProfile
import NetCostTestSupport
import Testing

@Suite("A stable peak: best rounds, clamping, the per-machine cache")
struct PeakEstimateTests {
  @Test("the best round of each; all threads near threads × one thread need no note")
  func bestRounds() {
    let e = PeakEstimate.combine(single: [10, 12, 11], all: [20, 23.5, 19], threads: 2)
    #expect(e.perThread == 12 && e.all == 23.5)
    // 23.5 ≥ 97% of 2 × 12 = 23.28.
    #expect(e.note == nil)
    let one = PeakEstimate.combine(single: [50, 52], all: [99], threads: 1)
    #expect(one.perThread == 52 && one.all == 52 && one.note == nil)
  }

  @Test("an all-threads figure below one thread's is noise: taken as one thread's, and said so")
  func neverBelowOneThread() throws {
    // The run: 164.7 all-threads against 247.1 per thread.
    let e = PeakEstimate.combine(single: [240, 247.1], all: [158, 164.7], threads: 2, foreignLoad: 0.35)
    #expect(e.all == 247.1 && e.perThread == 247.1)
    let note = try #require(e.note)
    #expect(note.contains("measured 164.7 GFLOP/s, below one thread's 247.1"), "\(note)")
    #expect(note.contains("other processes used 35% of the CPUs"), "\(note)")
  }

  @Test("below threads × one thread, the note says why: other load when measured, else shared cores")
  func belowIdealSaysWhy() throws {
    let busy = PeakEstimate.combine(single: [100], all: [150], threads: 2, foreignLoad: 0.4)
    #expect(busy.all == 150)
    #expect(
      try #require(busy.note)
        == "2 threads reach 1.5× one thread, not 2×: other processes used 40% of the CPUs meanwhile")
    #expect(busy.disturbed)
    let quiet = PeakEstimate.combine(single: [100], all: [150], threads: 2, foreignLoad: 0.01)
    #expect(try #require(quiet.note).contains("share cores"))
    #expect(!quiet.disturbed)
  }

  @Test("other processes' CPU time: /proc/stat's busy ticks less this process's time")
  func otherProcesses() throws {
    // user 100, nice 20, system 30, idle 400, iowait 50, irq 6, softirq 7, steal 8 ticks at 100 Hz.
    let busy = try #require(CPUUsage.busySeconds(procStat: "cpu  100 20 30 400 50 6 7 8 0 0\ncpu0 1 2 3 4\n"))
    #expect(abs(busy - 1.71) < 1e-9)
    #expect(CPUUsage.busySeconds(procStat: "intr 1 2 3\n") == nil)
    let start = CPUUsage(machineBusySeconds: 10, ownSeconds: 2, wallSeconds: 100)
    let end = CPUUsage(machineBusySeconds: 18, ownSeconds: 5, wallSeconds: 104)
    // 8 busy seconds, 3 of them ours: 5 CPU-seconds of 2 CPUs × 4 s = 62.5%.
    let f = end.foreign(since: start, cpus: 2)
    #expect(f.seconds == 5 && f.share == 0.625)
    let w = try #require(end.warning(since: start, cpus: 2))
    #expect(w.hasPrefix("other processes used 5.0 CPU-seconds during these 4.0 s (63% of 2 CPUs)"), "\(w)")
    let idle = CPUUsage(machineBusySeconds: 13.2, ownSeconds: 5, wallSeconds: 104)
    #expect(idle.warning(since: start, cpus: 2) == nil)
  }

  @Test("the cache folder: XDG_CACHE_HOME/netcost, else ~/.cache/netcost")
  func cacheFolder() {
    #expect(MachineCache.directory(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"]) == "/x/netcost")
    #expect(MachineCache.directory(environment: ["HOME": "/h"]) == "/h/.cache/netcost")
    #expect(MachineCache.directory(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/h"]) == "/h/.cache/netcost")
    #expect(MachineCache.directory(environment: [:]) == nil)
    #expect(
      MachineCache.key(threads: 2, cpuModel: "AMD EPYC 7B13 64-Core", cpus: 2).hasPrefix("amd_epyc_7b13_64-core-2cpu-"))
  }

  @Test("measured once per machine, then read from the cache; --remeasure and given figures bypass it")
  func cacheRoundTrip() throws {
    let dir = try temporaryFolder("netcost-machine-cache")
    defer { try? FileManager.default.removeItem(at: dir) }
    let cache = MachineCache(directory: dir.path + "/nested/netcost")
    var measured = 0
    let fake: (Int, Double?, Double?) -> MachineProfile = { t, _, _ in
      measured += 1
      return MachineProfile(
        threads: t, peakGFLOPSPerThread: 40, peakGFLOPS: 70, isa: "test", bandwidthGBs: 12, blas: "test",
        peakNote: "2 threads reach 1.8× one thread")
    }
    let first = MachineProfile.cached(threads: 2, cache: cache, remeasure: false, now: 1_000, measure: fake)
    #expect(measured == 1 && first.cachedAt == nil && first.peakGFLOPS == 70)
    let second = MachineProfile.cached(threads: 2, cache: cache, remeasure: false, now: 2_000, measure: fake)
    #expect(measured == 1)
    #expect(second.cachedAt == 1_000 && second.peakGFLOPS == 70 && second.peakGFLOPSPerThread == 40)
    #expect(second.bandwidthGBs == 12 && second.peakNote == "2 threads reach 1.8× one thread")
    // Another thread count is another entry.
    _ = MachineProfile.cached(threads: 1, cache: cache, remeasure: false, now: 2_000, measure: fake)
    #expect(measured == 2)
    let again = MachineProfile.cached(threads: 2, cache: cache, remeasure: true, now: 3_000, measure: fake)
    #expect(measured == 3 && again.cachedAt == nil)
    #expect(
      MachineProfile.cached(threads: 2, cache: cache, remeasure: false, now: 4_000, measure: fake).cachedAt == 3_000)
    // A peak given on the command line wins over the cached one.
    let given = MachineProfile.cached(
      threads: 2, peakGFLOPS: 100, cache: cache, remeasure: false, now: 5_000, measure: fake)
    #expect(given.peakGFLOPS == 100 && given.peakGFLOPSPerThread == 50 && given.bandwidthGBs == 12)
    // A peak measured while other processes were busy is used, not kept.
    var disturbed = fake(2, nil, nil)
    disturbed.disturbed = true
    let other = MachineCache(directory: dir.path + "/busy")
    _ = MachineProfile.cached(threads: 2, cache: other, remeasure: false, now: 5_500, measure: { _, _, _ in disturbed })
    #expect(other.load(key: MachineCache.key(threads: 2)) == nil)
    // Both given: nothing measured, nothing read.
    _ = MachineProfile.cached(
      threads: 2, peakGFLOPS: 100, bandwidthGBs: 5, cache: MachineCache(directory: dir.path + "/unused"),
      remeasure: false, now: 6_000, measure: fake)
    #expect(measured == 5)  // `measure` is called with both figures known: it measures nothing itself
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/unused"))
  }
}
