import Foundation
import Testing

@testable import Moltres

/// `moltres fmt --diff` prints what GNU `diff -u` prints for the same two texts (timestamps aside).
@Suite struct UnifiedDiffTests {
    /// Texts of 0 to 40 lines, and edits of them: lines removed, inserted, changed, near and far from each other.
    static func cases() -> [(String, String)] {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        var cases: [(String, String)] = [("", ""), ("a\n", ""), ("", "a\n"), ("a\nb\n", "a\nb\n")]
        for _ in 0..<60 {
            let old = (0..<next(40)).map { "line \($0 % 7)" }
            var new = old
            for _ in 0..<next(6) {
                let kind = next(3)
                if new.isEmpty || kind == 1 {
                    new.insert("added \(next(100))", at: next(new.count + 1))
                } else if kind == 0 {
                    new.remove(at: next(new.count))
                } else {
                    new[next(new.count)] = "changed \(next(100))"
                }
            }
            func text(_ lines: [String]) -> String { lines.map { $0 + "\n" }.joined() }
            cases.append((text(old), text(new)))
        }
        return cases
    }

    @Test func matchesGNUDiff() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("moltres-diff-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let oldFile = directory.appendingPathComponent("old")
        let newFile = directory.appendingPathComponent("new")
        let cases = Self.cases()
        var sameHunks = 0
        for (old, new) in cases {
            try old.write(to: oldFile, atomically: true, encoding: .utf8)
            try new.write(to: newFile, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
            process.arguments = ["-u", "--label", "a", "--label", "b", oldFile.path, newFile.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let gnu = String(decoding: data, as: UTF8.self)
            let ours = UnifiedDiff.text(from: old, to: new, oldName: "a", newName: "b")
            // Both are valid diffs; where several minimal ones exist the two programs may pick different lines,
            // so what must agree is the result of applying ours (checked below) and, when GNU's hunks have the
            // same shape, the text.
            #expect(apply(ours, to: old) == new, "\(old)\n→\n\(new)\n\(ours)")
            if hunkHeaders(gnu) == hunkHeaders(ours) {
                sameHunks += 1
                #expect(ours == gnu)
            }
        }
        #expect(sameHunks >= cases.count * 3 / 4, "\(sameHunks) of \(cases.count) diffs have GNU's hunks")
    }

    /// The new text from the old one and a unified diff of them.
    private func apply(_ diff: String, to old: String) -> String {
        var oldLines = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if oldLines.last == "" { oldLines.removeLast() }
        var result: [String] = []
        var next = 0
        for line in diff.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("@@") {
                let oldRange = line.split(separator: " ")[1].dropFirst().split(separator: ",")
                var start = Int(oldRange[0]) ?? 0
                if oldRange.count == 2, oldRange[1] == "0" { start += 1 }
                while next < start - 1 {
                    result.append(oldLines[next])
                    next += 1
                }
            } else if line.hasPrefix("-") && !line.hasPrefix("---") {
                next += 1
            } else if line.hasPrefix("+") && !line.hasPrefix("+++") {
                result.append(String(line.dropFirst()))
            } else if line.hasPrefix(" ") {
                result.append(oldLines[next])
                next += 1
            }
        }
        result += oldLines[min(next, oldLines.count)...]
        return result.map { $0 + "\n" }.joined()
    }

    private func hunkHeaders(_ diff: String) -> [Substring] {
        diff.split(separator: "\n").filter { $0.hasPrefix("@@") }
    }

    @Test func equalTextsHaveNoDiff() {
        #expect(UnifiedDiff.text(from: "a\nb\n", to: "a\nb\n", oldName: "x", newName: "x").isEmpty)
    }
}
