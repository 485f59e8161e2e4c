import Foundation
import MoltresProtocol

/// The JSON codec against Foundation in the same run: decode and encode of LSP-sized messages and of a
/// 10,000-row × 5-column query result, plus the json-c encoder the module measured and did not pick.
func runJSONBenchmarks(repetitions: Int) throws -> [BenchmarkResult] {
    var results: [BenchmarkResult] = []
    let cases: [(name: String, bytes: [UInt8], rows: Int)] = [
        ("didChange 5 KB", didChangeMessage(), 1),
        ("completion 200 items", completionResponse(), 1),
        ("result 10k×5", queryResult(rows: 10_000), 10_000),
    ]
    for testCase in cases {
        let data = Data(testCase.bytes)
        let value = try JSONValue(parsing: testCase.bytes)
        let foundationObject = try JSONSerialization.jsonObject(with: data)
        var sink = 0

        resetPeakResidentSize()
        let decode = try measurePair(repetitions: repetitions) {
            let decoded = try JSONValue(parsing: testCase.bytes)
            if case .object(let object) = decoded { sink &+= object.count }
        } baseline: {
            let decoded = try JSONSerialization.jsonObject(with: data)
            if let dictionary = decoded as? [String: Any] { sink &+= dictionary.count }
        }
        results.append(
            BenchmarkResult(
                name: "json decode \(testCase.name) (\(testCase.bytes.count / 1024) KiB)",
                moltresNanoseconds: decode.moltres, baselineNanoseconds: decode.baseline,
                baselineName: "JSONSerialization", operationsPerRepetition: testCase.rows,
                peakResidentBytes: peakResidentBytes(), note: "Swift fast path → JSONValue (json-c for the rest)"))

        let decoders = try measurePair(repetitions: repetitions) {
            if case .object(let object) = try JSONValue(parsing: testCase.bytes) { sink &+= object.count }
        } baseline: {
            if case .object(let object) = try JSONValue(parsingWithJSONC: testCase.bytes) { sink &+= object.count }
        }
        results.append(
            BenchmarkResult(
                name: "json decode \(testCase.name): fast path vs json-c", moltresNanoseconds: decoders.moltres,
                baselineNanoseconds: decoders.baseline, baselineName: "json-c tree → JSONValue",
                operationsPerRepetition: testCase.rows, note: "decoder choice"))

        let encode = try measurePair(repetitions: repetitions) {
            sink &+= value.encodedBytes().count
        } baseline: {
            sink &+= try JSONSerialization.data(withJSONObject: foundationObject).count
        }
        results.append(
            BenchmarkResult(
                name: "json encode \(testCase.name)", moltresNanoseconds: encode.moltres,
                baselineNanoseconds: encode.baseline, baselineName: "JSONSerialization",
                operationsPerRepetition: testCase.rows, note: "Swift byte writer (chosen)"))

        let encoders = measurePair(repetitions: repetitions) {
            sink &+= value.encodedBytes().count
        } baseline: {
            sink &+= value.encodedBytesUsingJSONC().count
        }
        results.append(
            BenchmarkResult(
                name: "json encode \(testCase.name): writer vs json-c", moltresNanoseconds: encoders.moltres,
                baselineNanoseconds: encoders.baseline, baselineName: "json-c tree + to_json_string",
                operationsPerRepetition: testCase.rows, note: "encoder choice"))
        if sink == 42 { print("") }
    }
    results.append(contentsOf: try typedBenchmarks(repetitions: repetitions))
    return results
}

/// Typed decoding into LSP structs, against Foundation's `JSONDecoder`/`JSONEncoder` on the same structs.
private func typedBenchmarks(repetitions: Int) throws -> [BenchmarkResult] {
    let didChange = didChangeMessage()
    let completion = completionResponse()
    let didChangeParams = try JSONValue(parsing: didChange)["params"]!
    let didChangeParamsData = Data(didChangeParams.encodedBytes())
    let list = try JSONValueDecoder().decode(CompletionList.self, from: JSONValue(parsing: completion)["result"]!)
    var sink = 0
    let decode = try measurePair(repetitions: repetitions) {
        let params = try JSONValueDecoder().decode(
            DidChangeTextDocumentParams.self, from: try JSONValue(parsing: Array(didChangeParamsData)))
        sink &+= params.contentChanges.count
    } baseline: {
        let params = try JSONDecoder().decode(DidChangeTextDocumentParams.self, from: didChangeParamsData)
        sink &+= params.contentChanges.count
    }
    let encode = try measurePair(repetitions: repetitions) {
        sink &+= try JSONValueEncoder().encode(list).encodedBytes().count
    } baseline: {
        sink &+= try JSONEncoder().encode(list).count
    }
    if sink == 42 { print("") }
    return [
        BenchmarkResult(
            name: "typed decode DidChangeTextDocumentParams", moltresNanoseconds: decode.moltres,
            baselineNanoseconds: decode.baseline, baselineName: "Foundation JSONDecoder",
            note: "json-c + JSONValueDecoder"),
        BenchmarkResult(
            name: "typed encode CompletionList (200)", moltresNanoseconds: encode.moltres,
            baselineNanoseconds: encode.baseline, baselineName: "Foundation JSONEncoder",
            note: "JSONValueEncoder + writer"),
    ]
}

/// A `textDocument/didChange` notification carrying a 5 KB full-text change.
private func didChangeMessage() -> [UInt8] {
    var text = ""
    var line = 0
    while text.utf8.count < 5_000 {
        text += "orders\(line) = db.table(\"orders\").filter(col(\"amount\") > \(line)).select(\"id\", \"total\")\n"
        line += 1
    }
    let message: JSONValue = [
        "jsonrpc": "2.0", "method": "textDocument/didChange",
        "params": [
            "textDocument": ["uri": "file:///workspace/shop/report.moltres", "version": 42],
            "contentChanges": [["text": .string(text)]],
        ],
    ]
    return message.encodedBytes()
}

/// A completion response with 200 items, each with kind, detail, documentation and a text edit.
private func completionResponse() -> [UInt8] {
    let items: [JSONValue] = (0..<200).map { index -> JSONValue in
        [
            "label": .string("column_\(index)"), "kind": 5, "detail": "INTEGER NOT NULL · orders",
            "documentation": ["kind": "markdown", "value": .string("Column `column_\(index)` of **orders**.")],
            "sortText": .string(String(format: "%04d", index)),
            "textEdit": [
                "range": ["start": ["line": 3, "character": 20], "end": ["line": 3, "character": 24]],
                "newText": .string("column_\(index)"),
            ],
        ]
    }
    let message: JSONValue = [
        "jsonrpc": "2.0", "id": 17, "result": ["isIncomplete": false, "items": .array(items)],
    ]
    return message.encodedBytes()
}

/// A `moltres.runQuery` result: 10,000 rows of (integer, text, real, boolean, null-or-text).
private func queryResult(rows: Int) -> [UInt8] {
    let columns: JSONValue = [
        ["name": "id", "type": "INTEGER"], ["name": "customer", "type": "TEXT"], ["name": "total", "type": "REAL"],
        ["name": "paid", "type": "BOOLEAN"], ["name": "note", "type": "TEXT"],
    ]
    let rowValues: [JSONValue] = (0..<rows).map { index in
        let note: JSONValue = index % 3 == 0 ? .null : .string("note \(index)")
        let total = Double(index) * 1.25 + 0.1
        let row: [JSONValue] = [
            .integer(Int64(index)), .string("customer \(index % 977)"), .double(total), .bool(index % 2 == 0), note,
        ]
        return .array(row)
    }
    let message: JSONValue = [
        "jsonrpc": "2.0", "id": 99,
        "result": [
            "columns": columns, "rows": .array(rowValues), "rowCount": .integer(Int64(rows)), "truncated": false,
            "elapsedMs": 12.5, "sql": "SELECT id, customer, total, paid, note FROM orders",
        ],
    ]
    return message.encodedBytes()
}
