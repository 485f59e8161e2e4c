/// A unified diff of two texts by lines (`diff -u`'s format), for `moltres fmt --diff`: `---`/`+++` headers, then
/// hunks `@@ -start,count +start,count @@` with up to `context` unchanged lines around each change. The line
/// matching is the standard library's `difference(from:)` (Myers' algorithm). Empty when the texts are equal.
public enum UnifiedDiff {
    public static func text(
        from old: String, to new: String, oldName: String, newName: String, context: Int = 3
    )
        -> String
    {
        let oldLines = lines(old)
        let newLines = lines(new)
        let changes = newLines.difference(from: oldLines)
        guard !changes.isEmpty else { return "" }
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in changes {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        // One walk through both texts: each step keeps a common line, removes an old one or inserts a new one.
        enum Step {
            case keep(Int, Int)
            case remove(Int)
            case insert(Int)
        }
        var steps: [Step] = []
        var oldIndex = 0
        var newIndex = 0
        while oldIndex < oldLines.count || newIndex < newLines.count {
            if oldIndex < oldLines.count, removed.contains(oldIndex) {
                steps.append(.remove(oldIndex))
                oldIndex += 1
            } else if newIndex < newLines.count, inserted.contains(newIndex) {
                steps.append(.insert(newIndex))
                newIndex += 1
            } else {
                steps.append(.keep(oldIndex, newIndex))
                oldIndex += 1
                newIndex += 1
            }
        }
        var output = "--- \(oldName)\n+++ \(newName)\n"
        var index = 0
        var oldStart = 0
        var newStart = 0
        while index < steps.count {
            guard let firstChange = steps[index...].firstIndex(where: { if case .keep = $0 { false } else { true } })
            else { break }
            // A hunk: context before, then changes and short runs of common lines until a long enough run.
            let start = max(index, firstChange - context)
            var end = firstChange
            var commonRun = 0
            var cursor = firstChange
            while cursor < steps.count {
                if case .keep = steps[cursor] {
                    commonRun += 1
                    if commonRun > 2 * context { break }
                } else {
                    commonRun = 0
                    end = cursor
                }
                cursor += 1
            }
            let stop = min(steps.count, end + 1 + context)
            let hunk = steps[start..<stop]
            // The lines of each side before the hunk: those of the steps skipped since the last hunk, added on.
            for step in steps[index..<start] {
                switch step {
                case .keep: (oldStart, newStart) = (oldStart + 1, newStart + 1)
                case .remove: oldStart += 1
                case .insert: newStart += 1
                }
            }
            var body = ""
            var oldCount = 0
            var newCount = 0
            for step in hunk {
                switch step {
                case .keep(let line, _):
                    body += " " + oldLines[line] + "\n"
                    oldCount += 1
                    newCount += 1
                case .remove(let line):
                    body += "-" + oldLines[line] + "\n"
                    oldCount += 1
                case .insert(let line):
                    body += "+" + newLines[line] + "\n"
                    newCount += 1
                }
            }
            output += "@@ -" + range(start: oldStart, count: oldCount) + " +" + range(start: newStart, count: newCount)
            output += " @@\n" + body
            (oldStart, newStart) = (oldStart + oldCount, newStart + newCount)
            index = stop
        }
        return output
    }

    /// `start,count` as diff -u writes it: 1-based; the line before for an empty range; `,1` left out.
    private static func range(start: Int, count: Int) -> String {
        switch count {
        case 0: return "\(start),0"
        case 1: return "\(start + 1)"
        default: return "\(start + 1),\(count)"
        }
    }

    private static func lines(_ text: String) -> [Substring] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}
