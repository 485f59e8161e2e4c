import Foundation
import Moltres

#if canImport(Glibc)
    import Glibc
#endif

/// The language server benchmarks (issue #5): `moltres lsp` against `moltres-lsp-echo` (a minimal Content-Length
/// framed stdio echo server, built with the same toolchain in the same release build), both spawned and driven by
/// this client in the same run.
///
/// - spawn → `initialize` response (target ≤ 20 ms);
/// - hover and completion round trips on the front-end benchmark's 5,000-line file, its workspace database holding
///   the 500-table × 20-column schema (targets: p50 ≤ 2× the echo round trip of the same request, p99 ≤ 1 ms):
///   WARM (200 positions cycled, so most answers come from the server's per-version cache) and COLD (one hover and
///   one completion after each edit of step 3, at a position not asked in that version);
/// - `publishDiagnostics` after an edit of that file (target ≤ 30 ms);
/// - the server's peak RSS (`VmHWM`, target ≤ 60 MiB).
///
/// The binaries are looked up next to this one (`swift build -c release` puts them together), or given by
/// `MOLTRES_BIN` and `MOLTRES_LSP_ECHO_BIN`.
func runLSPBenchmarks(repetitions: Int) throws -> [BenchmarkResult] {
    let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
    let environment = ProcessInfo.processInfo.environment
    let moltres = environment["MOLTRES_BIN"] ?? directory + "/moltres"
    let echo = environment["MOLTRES_LSP_ECHO_BIN"] ?? directory + "/moltres-lsp-echo"
    for binary in [moltres, echo] where !FileManager.default.isExecutableFile(atPath: binary) {
        throw LSPBenchmarkError.missing(binary)
    }
    // MOLTRES_LSP_BENCH_WORKSPACE=dir keeps the workspace (database, moltres.toml, bench.moltres) for profiling.
    let kept = environment["MOLTRES_LSP_BENCH_WORKSPACE"]
    let workspace = try makeLSPBenchmarkWorkspace(at: kept)
    defer { if kept == nil { try? FileManager.default.removeItem(at: workspace) } }
    let rootURI = workspace.absoluteString
    let initialize =
        #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"processId":null,"rootUri":"\#(rootURI)","#
        + #""capabilities":{}}}"#

    var results: [BenchmarkResult] = []
    var details: [String] = []

    // 1. Spawn → initialize response, alternating the two servers.
    var spawnMoltres: [Double] = []
    var spawnEcho: [Double] = []
    for round in 0..<(max(repetitions, 21) + 2) {
        let moltresTime = try timeSpawnToInitialize(moltres, arguments: ["lsp"], initialize: initialize)
        let echoTime = try timeSpawnToInitialize(echo, arguments: [], initialize: initialize)
        if round >= 2 {  // two warm-up rounds (page cache)
            spawnMoltres.append(moltresTime)
            spawnEcho.append(echoTime)
        }
    }
    results.append(
        BenchmarkResult(
            name: "lsp spawn → initialize response", moltresNanoseconds: median(spawnMoltres),
            baselineNanoseconds: median(spawnEcho), baselineName: "spawn echo server → echo",
            note: "target ≤ 20 ms; \(spread(spawnMoltres))"))

    // 2. A session on the 5,000-line file.
    let text = generatedFrontendBenchmarkFile(minimumLines: 5_000)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let documentURI = workspace.appendingPathComponent("bench.moltres").absoluteString
    if kept != nil {
        try text.write(to: workspace.appendingPathComponent("bench.moltres"), atomically: true, encoding: .utf8)
    }
    let server = try StdioProcess(moltres, arguments: ["lsp"])
    defer { server.kill() }
    let echoServer = try StdioProcess(echo, arguments: [])
    defer { echoServer.kill() }
    _ = try server.request(initialize, id: 0)
    server.send(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#)
    _ = try server.request(
        #"{"jsonrpc":"2.0","id":1,"method":"workspace/executeCommand","params":{"command":"moltres.refreshSchema","arguments":[{}]}}"#,
        id: 1)
    server.send(
        #"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"\#(documentURI)","#
            + #""languageId":"moltres","version":1,"text":\#(jsonString(text))}}}"#)
    _ = try server.waitForDiagnostics(version: 1)
    // Let the background check of the queries on the database finish before timing requests.
    Thread.sleep(forTimeInterval: 1.0)

    let hoverPositions = positions(in: lines, after: ".where(", offset: -6, limit: 200)
    let completionPositions = positions(in: lines, after: "col(\"", offset: 0, limit: 200)
    guard !hoverPositions.isEmpty, !completionPositions.isEmpty else { throw LSPBenchmarkError.noPositions }
    let samples = max(1_000, repetitions * 30)
    var nextID = 100
    func roundTrips(method: String, positions: [(Int, Int)]) throws -> (moltres: [Double], echo: [Double]) {
        var moltresTimes: [Double] = []
        var echoTimes: [Double] = []
        for index in 0..<(samples + 50) {
            let (line, character) = positions[index % positions.count]
            nextID += 1
            let body =
                #"{"jsonrpc":"2.0","id":\#(nextID),"method":"\#(method)","params":{"textDocument":{"uri":"\#(documentURI)"},"#
                + #""position":{"line":\#(line),"character":\#(character)}}}"#
            let moltresTime = try server.timedRequest(body, id: nextID)
            let echoTime = try echoServer.timedEcho(body)
            if index >= 50 {  // warm-up
                moltresTimes.append(moltresTime)
                echoTimes.append(echoTime)
            }
        }
        return (moltresTimes, echoTimes)
    }
    let hover = try roundTrips(method: "textDocument/hover", positions: hoverPositions)
    let completion = try roundTrips(method: "textDocument/completion", positions: completionPositions)
    for (name, pair) in [("hover", hover), ("completion", completion)] {
        let p99 = percentile(pair.moltres, 0.99)
        results.append(
            BenchmarkResult(
                name: "lsp \(name) round trip p50 (5,000 lines, 500×20)", moltresNanoseconds: median(pair.moltres),
                baselineNanoseconds: median(pair.echo), baselineName: "echo server, same request",
                note: String(
                    format: "target p50 ≤ 2× echo, p99 ≤ 1 ms: p99 %.3f ms (echo p99 %.3f ms)", p99 / 1e6,
                    percentile(pair.echo, 0.99) / 1e6)))
        details.append(
            "\(name): moltres \(spread(pair.moltres)); echo \(spread(pair.echo)); n = \(pair.moltres.count)")
    }

    let peakAfterRequests = server.peakResidentBytes()

    // 3. Diagnostics after an edit: change a number on a line, wait for the publication of that version. Edits
    // are spaced out (an isolated edit, as when typing pauses). After each, once the diagnostics are out and a
    // pause has passed, one hover and one completion at positions not asked before in that version: the COLD
    // figures (the answers of the warm runs above are cached per document version; these are not).
    let editLines = lines.indices.filter { lines[$0].contains(".limit(") }
    let editedLines = Set(editLines)
    let coldHoverPositions = hoverPositions.filter { !editedLines.contains($0.0) }
    let coldCompletionPositions = completionPositions.filter { !editedLines.contains($0.0) }
    var diagnosticsTimes: [Double] = []
    var coldHover: [Double] = []
    var coldCompletion: [Double] = []
    var version = 1
    for round in 0..<max(repetitions, 21) {
        let line = editLines[(round * 37) % editLines.count]
        guard
            let column = lines[line].range(of: ".limit(").map({
                lines[line].utf16.distance(from: lines[line].startIndex, to: $0.upperBound)
            })
        else { continue }
        version += 1
        let body =
            #"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"\#(documentURI)","version":\#(version)},"#
            + #""contentChanges":[{"range":{"start":{"line":\#(line),"character":\#(column)},"end":{"line":\#(line),"character":\#(column)}},"text":"\#(round % 9 + 1)"}]}}"#
        let start = DispatchTime.now().uptimeNanoseconds
        server.send(body)
        let published = try server.waitForDiagnostics(version: version)
        diagnosticsTimes.append(Double(published - start))
        Thread.sleep(forTimeInterval: 0.3)
        for (method, positions, into) in [
            ("textDocument/hover", coldHoverPositions, 0), ("textDocument/completion", coldCompletionPositions, 1),
        ] where !positions.isEmpty {
            let (line, character) = positions[(round * 7) % positions.count]
            nextID += 1
            let body =
                #"{"jsonrpc":"2.0","id":\#(nextID),"method":"\#(method)","params":{"textDocument":{"uri":"\#(documentURI)"},"#
                + #""position":{"line":\#(line),"character":\#(character)}}}"#
            let time = try server.timedRequest(body, id: nextID)
            if into == 0 { coldHover.append(time) } else { coldCompletion.append(time) }
        }
    }
    let echoMedian = median(hover.echo)
    results.append(
        BenchmarkResult(
            name: "lsp diagnostics published after an edit (5,000 lines)", moltresNanoseconds: median(diagnosticsTimes),
            baselineNanoseconds: echoMedian, baselineName: "echo round trip",
            note: "target ≤ 30 ms; \(spread(diagnosticsTimes))"))
    details.append("diagnostics after an edit: \(spread(diagnosticsTimes)); n = \(diagnosticsTimes.count)")
    for (name, samples) in [("hover", coldHover), ("completion", coldCompletion)] where !samples.isEmpty {
        results.append(
            BenchmarkResult(
                name: "lsp \(name) COLD (first at a position after an edit)", moltresNanoseconds: median(samples),
                baselineNanoseconds: echoMedian, baselineName: "echo round trip (warm run)",
                note: spread(samples)))
        details.append(
            "\(name) cold (first request at a position after an edit): \(spread(samples)); n = \(samples.count)")
    }

    // 4. Peak RSS of the server over the whole session (shown on the session's rows), against the echo server's.
    let serverPeak = server.peakResidentBytes()
    let echoPeak = echoServer.peakResidentBytes()
    for index in 1..<results.count {
        results[index].peakResidentBytes = serverPeak
    }
    details.append(
        String(
            format: "peak RSS: moltres lsp %.1f MiB (target ≤ 60 MiB; %.1f MiB before the edits), echo server %.1f MiB",
            Double(serverPeak) / 1_048_576, Double(peakAfterRequests) / 1_048_576, Double(echoPeak) / 1_048_576))
    _ = try server.request(#"{"jsonrpc":"2.0","id":99999999,"method":"shutdown"}"#, id: 99_999_999)
    server.send(#"{"jsonrpc":"2.0","method":"exit"}"#)

    FileHandle.standardError.write(Data(("lsp details:\n" + details.map { "  " + $0 + "\n" }.joined()).utf8))
    return results
}

enum LSPBenchmarkError: Error, CustomStringConvertible {
    case missing(String)
    case spawn(String, Int32)
    case closed(String)
    case noPositions

    var description: String {
        switch self {
        case .missing(let path):
            "\(path) not found: build it with `swift build -c release --product moltres` (and moltres-lsp-echo)"
        case .spawn(let path, let code): "cannot spawn \(path): error \(code)"
        case .closed(let path): "\(path) closed its output"
        case .noPositions: "the generated file has no positions to hover"
        }
    }
}

/// The workspace: `shop.db` (the generated file connects to it) with the front-end benchmark's 500-table ×
/// 20-column catalog, and a `moltres.toml` naming it.
private func makeLSPBenchmarkWorkspace(at path: String?) throws -> URL {
    let workspace =
        path.map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("moltres-lsp-bench-\(getpid())")
    try? FileManager.default.removeItem(at: workspace)
    try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
    let database = try Database.open("sqlite:///" + workspace.appendingPathComponent("shop.db").path)
    let catalog = frontendBenchmarkCatalog(tables: 500, columns: 20)
    try database.transaction {
        for table in catalog.tables {
            let columns = table.columns.map { "\"\($0.name)\" \($0.declaredType)" }
            try database.execute("CREATE TABLE \"\(table.name)\" (\(columns.joined(separator: ", ")))")
        }
    }
    try "default_connection = \"shop\"\n\n[connections.shop]\nurl = \"sqlite:///shop.db\"\n".write(
        to: workspace.appendingPathComponent("moltres.toml"), atomically: true, encoding: .utf8)
    return workspace
}

/// `(line, UTF-16 character)` positions just after each occurrence of `marker` (plus `offset`), spread over the
/// file.
private func positions(in lines: [String], after marker: String, offset: Int, limit: Int) -> [(Int, Int)] {
    var found: [(Int, Int)] = []
    for (index, line) in lines.enumerated() {
        guard let range = line.range(of: marker) else { continue }
        found.append((index, line.utf16.distance(from: line.startIndex, to: range.upperBound) + offset))
    }
    let step = max(1, found.count / limit)
    return stride(from: 0, to: found.count, by: step).map { found[$0] }
}

private func jsonString(_ text: String) -> String {
    String(decoding: JSONValueText.encode(text), as: UTF8.self)
}

/// A JSON string literal, escaped.
private enum JSONValueText {
    static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [92, 34]
            case 92: out += [92, 92]
            case 10: out += [92, UInt8(ascii: "n")]
            case 13: out += [92, UInt8(ascii: "r")]
            case 9: out += [92, UInt8(ascii: "t")]
            case 0..<32: out += Array(String(format: "\\u%04x", byte).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }
}

private func percentile(_ samples: [Double], _ fraction: Double) -> Double {
    let sorted = samples.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
}

/// `p50 a · p90 b · p99 c · max d ms`.
private func spread(_ samples: [Double]) -> String {
    String(
        format: "p50 %.3f · p90 %.3f · p99 %.3f · max %.3f ms", percentile(samples, 0.5) / 1e6,
        percentile(samples, 0.9) / 1e6, percentile(samples, 0.99) / 1e6, (samples.max() ?? 0) / 1e6)
}

/// Spawns a server, writes `initialize` at once and returns the nanoseconds until the first response frame.
private func timeSpawnToInitialize(_ path: String, arguments: [String], initialize: String) throws -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    let process = try StdioProcess(path, arguments: arguments)
    defer { process.kill() }
    let done = try process.request(initialize, id: 0)
    return Double(done - start)
}

/// A child process whose standard input and output are pipes; messages are Content-Length framed.
private final class StdioProcess {
    let path: String
    let pid: pid_t
    private let input: Int32
    private let output: Int32
    private var buffer: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    init(_ path: String, arguments: [String]) throws {
        self.path = path
        var toChild: [Int32] = [0, 0]
        var fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else { throw LSPBenchmarkError.spawn(path, errno) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        for descriptor in toChild + fromChild { posix_spawn_file_actions_addclose(&actions, descriptor) }
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, path, &actions, nil, argv, environ)
        guard status == 0 else { throw LSPBenchmarkError.spawn(path, status) }
        pid = child
        close(toChild[0])
        close(fromChild[1])
        input = toChild[1]
        output = fromChild[0]
    }

    func send(_ body: String) {
        let bytes = Array("Content-Length: \(body.utf8.count)\r\n\r\n".utf8) + Array(body.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(input, $0.baseAddress! + offset, $0.count - offset) }
            if written <= 0 { return }
            offset += written
        }
    }

    /// The next framed message body and the time (uptime ns) its last byte arrived.
    func readMessage() throws -> (body: [UInt8], at: UInt64) {
        while true {
            if let end = headerEnd() {
                var length = 0
                for byte in buffer[0..<end] where byte >= 48 && byte <= 57 { length = length * 10 + Int(byte - 48) }
                let total = end + 4 + length
                if buffer.count >= total {
                    let at = DispatchTime.now().uptimeNanoseconds
                    let body = Array(buffer[(end + 4)..<total])
                    buffer.removeFirst(total)
                    return (body, at)
                }
            }
            let count = chunk.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            if count <= 0 { throw LSPBenchmarkError.closed(path) }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    private func headerEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4)
        where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }

    private static let responsePrefix = Array(#"{"jsonrpc":"2.0","id":"#.utf8)

    /// Sends a request and reads until its response; answers the server's own requests with `null` and skips
    /// notifications. Returns the uptime at which the response arrived.
    func request(_ body: String, id: Int) throws -> UInt64 {
        send(body)
        return try awaitResponse(id: id)
    }

    func timedRequest(_ body: String, id: Int) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        send(body)
        return Double(try awaitResponse(id: id) - start)
    }

    /// For the echo server: the time until the message comes back.
    func timedEcho(_ body: String) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        send(body)
        return Double(try readMessage().at - start)
    }

    private func awaitResponse(id: Int) throws -> UInt64 {
        let wanted = Array("\(id),".utf8)
        while true {
            let (body, at) = try readMessage()
            guard body.starts(with: Self.responsePrefix) else { continue }  // a notification
            let rest = body[Self.responsePrefix.count...]
            if rest.starts(with: wanted) {
                // The echo server sends the request back: that counts as its response too.
                return at
            }
            // A request from the server (it has an id and a method): answer null.
            if let comma = rest.firstIndex(of: UInt8(ascii: ",")),
                body[(comma + 1)...].starts(with: Array(#""method""#.utf8))
            {
                let requestID = String(decoding: rest[rest.startIndex..<comma], as: UTF8.self)
                send(#"{"jsonrpc":"2.0","id":\#(requestID),"result":null}"#)
            }
        }
    }

    /// Reads until `publishDiagnostics` for `version` arrives; returns when.
    func waitForDiagnostics(version: Int) throws -> UInt64 {
        let method = Array(#""method":"textDocument/publishDiagnostics""#.utf8)
        let versionField = Array(#""version":\#(version),"#.utf8)
        while true {
            let (body, at) = try readMessage()
            guard body.count > 40, contains(body.prefix(64), method) else { continue }
            // The version follows the uri in the params; look near the start of the params only.
            if contains(body.prefix(4096), versionField) { return at }
        }
    }

    private func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        var index = haystack.startIndex
        while index <= haystack.endIndex - needle.count {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }

    /// The process's peak resident set size (`VmHWM`), in bytes.
    func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(separator: " ").dropFirst().first { Int($0) != nil }
            return (digits.flatMap { Int($0) } ?? 0) * 1024
        }
        return 0
    }

    private var killed = false

    func kill() {
        guard !killed else { return }
        killed = true
        close(input)
        var status: Int32 = 0
        // Give it a moment to exit after stdin closes, then make sure.
        for _ in 0..<100 {
            if waitpid(pid, &status, WNOHANG) == pid {
                close(output)
                return
            }
            usleep(2_000)
        }
        Glibc.kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        close(output)
    }
}
