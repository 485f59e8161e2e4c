import CJSON

extension JSONValue {
    /// The nesting depth accepted by default: far more than any LSP message needs, few enough to bound recursion.
    public static let defaultMaximumDepth = 128

    /// Decodes JSON text with json-c in strict mode.
    ///
    /// The input must be exactly one JSON value surrounded by optional whitespace, valid UTF-8, and nested no deeper
    /// than `maximumDepth`. NUL bytes outside strings are syntax errors; `\u0000` inside strings is kept.
    /// Integer literals outside `Int64` become `.double` (the nearest `Double`), so they re-encode as numbers
    /// that decode to the same value. A literal beyond the `Double` range (`1e400`) becomes an infinity, which
    /// encodes as `null`, as in JavaScript.
    ///
    /// - Throws: ``JSONError`` with the byte offset where json-c stopped.
    public init(parsing bytes: UnsafeRawBufferPointer, maximumDepth: Int = JSONValue.defaultMaximumDepth) throws {
        if maximumDepth >= 2 * JSONFastPath.maximumDepth, let value = JSONFastPath.parse(bytes) {
            self = value
            return
        }
        var sawLargeInteger = false
        self = try parseWithJSONC(bytes, maximumDepth: maximumDepth, sawLargeInteger: &sawLargeInteger)
        if sawLargeInteger, let rewritten = markingOutOfRangeIntegersAsDoubles(bytes) {
            // json-c clamps integers to Int64/UInt64; re-reading them as doubles gives the nearest value instead.
            self = try rewritten.withUnsafeBytes { buffer in
                var ignored = false
                return try parseWithJSONC(buffer, maximumDepth: maximumDepth, sawLargeInteger: &ignored)
            }
        }
    }

    /// Decodes JSON text with a reusable ``JSONParser`` (same rules as
    /// ``init(parsing:maximumDepth:)-(UnsafeRawBufferPointer,_)``, the parser's depth limit).
    public init(parsing bytes: UnsafeRawBufferPointer, using parser: JSONParser) throws {
        if parser.maximumDepth >= 2 * JSONFastPath.maximumDepth, let value = JSONFastPath.parse(bytes) {
            self = value
            return
        }
        var sawLargeInteger = false
        self = try parseWithJSONC(bytes, tokener: parser.tokener, sawLargeInteger: &sawLargeInteger)
        if sawLargeInteger, let rewritten = markingOutOfRangeIntegersAsDoubles(bytes) {
            self = try rewritten.withUnsafeBytes { buffer in
                var ignored = false
                return try parseWithJSONC(buffer, tokener: parser.tokener, sawLargeInteger: &ignored)
            }
        }
    }

    /// Decodes with json-c only, without ``JSONFastPath`` (same values, same errors); kept so the benchmark can
    /// compare the two decoders.
    public init(parsingWithJSONC bytes: [UInt8]) throws {
        self = try bytes.withUnsafeBytes { try JSONValue.parsedWithJSONC($0) }
    }

    /// Decodes with json-c only (no fast path), for tests that compare the two.
    static func parsedWithJSONC(_ bytes: UnsafeRawBufferPointer) throws -> JSONValue {
        var sawLargeInteger = false
        let value = try parseWithJSONC(bytes, maximumDepth: defaultMaximumDepth, sawLargeInteger: &sawLargeInteger)
        if sawLargeInteger, let rewritten = markingOutOfRangeIntegersAsDoubles(bytes) {
            return try rewritten.withUnsafeBytes { buffer in
                var ignored = false
                return try parseWithJSONC(buffer, maximumDepth: defaultMaximumDepth, sawLargeInteger: &ignored)
            }
        }
        return value
    }

    /// Decodes JSON text held in an array of bytes. See ``init(parsing:maximumDepth:)-(UnsafeRawBufferPointer,_)``.
    public init(parsing bytes: [UInt8], maximumDepth: Int = JSONValue.defaultMaximumDepth) throws {
        self = try bytes.withUnsafeBytes { try JSONValue(parsing: $0, maximumDepth: maximumDepth) }
    }

    /// Decodes JSON text held in a string. See ``init(parsing:maximumDepth:)-(UnsafeRawBufferPointer,_)``.
    public init(parsing text: String, maximumDepth: Int = JSONValue.defaultMaximumDepth) throws {
        var text = text
        self = try text.withUTF8 { try JSONValue(parsing: UnsafeRawBufferPointer($0), maximumDepth: maximumDepth) }
    }
}

/// A json-c tokener kept for many messages (the read thread's): creating one allocates and clears its parse
/// stack, which cost as much as parsing a small LSP request. Not thread-safe; use it from one thread at a time.
public final class JSONParser {
    let tokener: UnsafeMutablePointer<json_tokener>
    /// The deepest nesting accepted.
    public let maximumDepth: Int

    /// Creates a parser that accepts nesting up to `maximumDepth`.
    public init(maximumDepth: Int = JSONValue.defaultMaximumDepth) {
        self.maximumDepth = maximumDepth
        tokener = makeTokener(maximumDepth: maximumDepth)
    }

    deinit { json_tokener_free(tokener) }
}

/// A strict json-c tokener.
private func makeTokener(maximumDepth: Int) -> UnsafeMutablePointer<json_tokener> {
    guard let tokener = json_tokener_new_ex(Int32(clamping: max(1, maximumDepth))) else {
        // json_tokener_new_ex fails only when malloc fails.
        fatalError("json_tokener_new_ex: out of memory")
    }
    // ALLOW_TRAILING_CHARS makes json-c stop after the value so the check below can name trailing data precisely.
    json_tokener_set_flags(
        tokener, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8 | JSON_TOKENER_ALLOW_TRAILING_CHARS)
    return tokener
}

/// Runs json-c over the whole buffer with a new tokener. See ``parseWithJSONC(_:tokener:sawLargeInteger:)``.
private func parseWithJSONC(
    _ bytes: UnsafeRawBufferPointer, maximumDepth: Int, sawLargeInteger: inout Bool
) throws -> JSONValue {
    let tokener = makeTokener(maximumDepth: maximumDepth)
    defer { json_tokener_free(tokener) }
    return try parseWithJSONC(bytes, tokener: tokener, sawLargeInteger: &sawLargeInteger)
}

/// Runs json-c over the whole buffer and converts the result, freeing json-c's tree before returning. The
/// tokener is reset first, so it may be reused whatever the previous parse left in it.
private func parseWithJSONC(
    _ bytes: UnsafeRawBufferPointer, tokener: UnsafeMutablePointer<json_tokener>, sawLargeInteger: inout Bool
) throws -> JSONValue {
    guard bytes.count < Int(Int32.max) else {
        throw JSONError(kind: .tooLarge, message: "input larger than 2 GiB", byteOffset: 0)
    }
    json_tokener_reset(tokener)

    guard let start = bytes.baseAddress, !bytes.isEmpty else {
        throw JSONError(kind: .unexpectedEndOfInput, message: "empty input", byteOffset: 0)
    }
    var root = json_tokener_parse_ex(tokener, start.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
    var error = json_tokener_get_error(tokener)
    var end = min(json_tokener_get_parse_end(tokener), bytes.count)
    if root == nil && (error == json_tokener_continue || error == json_tokener_error_parse_eof) && end < bytes.count
        && bytes[end] == 0
    {
        // json-c treats a NUL byte as the end of its input.
        throw JSONError(kind: .syntax, message: "unexpected NUL byte", byteOffset: end)
    }
    if root == nil && error == json_tokener_continue {
        // A number or literal at the very end is complete only once json-c sees a delimiter, so feed one space.
        // json-c reports `continue` again when the value really is incomplete.
        root = json_tokener_parse_ex(tokener, " ", 1)
        error = json_tokener_get_error(tokener)
        if error == json_tokener_continue {
            throw JSONError(
                kind: .unexpectedEndOfInput, message: "unexpected end of input", byteOffset: bytes.count)
        }
        end = bytes.count
    }
    defer { if root != nil { json_object_put(root) } }
    guard error == json_tokener_success else {
        throw JSONError(
            kind: kind(of: error), message: String(cString: json_tokener_error_desc(error)), byteOffset: end)
    }
    // Strict mode stops after one value; anything left but whitespace is an error.
    var offset = end
    while offset < bytes.count {
        switch bytes[offset] {
        case 0x20, 0x09, 0x0A, 0x0D: offset += 1
        default:
            throw JSONError(kind: .trailingCharacters, message: "unexpected data after the value", byteOffset: offset)
        }
    }
    try rejectWhatJSONCTolerates(bytes)
    return convert(root, sawLargeInteger: &sawLargeInteger)
}

/// Bytes that may appear outside strings in JSON text: whitespace, punctuation, number characters and the letters
/// of `true`, `false` and `null`.
private let allowedOutsideStrings: [Bool] = {
    var table = [Bool](repeating: false, count: 256)
    for byte in " \t\n\r{}[],:-+.0123456789eEtrufalsn\"".utf8 { table[Int(byte)] = true }
    return table
}()

/// Rejects what json-c 0.16 accepts even in strict mode although RFC 8259 does not: single-quoted strings,
/// `NaN`/`Infinity`, comments, and raw control characters inside strings.
private func rejectWhatJSONCTolerates(_ bytes: UnsafeRawBufferPointer) throws {
    var index = 0
    let count = bytes.count
    while index < count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") {
            index += 1
            while index < count {
                let inner = bytes[index]
                if inner == UInt8(ascii: "\"") { break }
                if inner < 0x20 {
                    throw JSONError(kind: .syntax, message: "control character in string", byteOffset: index)
                }
                index += inner == UInt8(ascii: "\\") ? 2 : 1
            }
        } else if !allowedOutsideStrings[Int(byte)] {
            throw JSONError(kind: .syntax, message: "unexpected character", byteOffset: index)
        }
        index += 1
    }
}

private func kind(of error: json_tokener_error) -> JSONError.Kind {
    switch error {
    case json_tokener_error_depth: return .tooDeep
    case json_tokener_error_parse_utf8_string: return .invalidUTF8
    case json_tokener_error_parse_eof, json_tokener_continue: return .unexpectedEndOfInput
    default: return .syntax
    }
}

/// Copies a json-c tree into a `JSONValue`; the tree stays owned by the caller.
private func convert(_ object: OpaquePointer?, sawLargeInteger: inout Bool) -> JSONValue {
    guard let object else { return .null }
    switch json_object_get_type(object) {
    case json_type_null:
        return .null
    case json_type_boolean:
        return .bool(json_object_get_boolean(object) != 0)
    case json_type_int:
        let integer = json_object_get_int64(object)
        // json-c clamps out-of-range literals to these two values; the caller re-reads such input.
        if integer == .max || integer == .min { sawLargeInteger = true }
        return .integer(integer)
    case json_type_double:
        return .double(json_object_get_double(object))
    case json_type_string:
        let length = Int(json_object_get_string_len(object))
        guard let pointer = json_object_get_string(object) else { return .string("") }
        return .string(String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self))
    case json_type_array:
        let count = json_object_array_length(object)
        var array: [JSONValue] = []
        array.reserveCapacity(count)
        for index in 0..<count {
            array.append(convert(json_object_array_get_idx(object, index), sawLargeInteger: &sawLargeInteger))
        }
        return .array(array)
    case json_type_object:
        var entries: [JSONObject.Entry] = []
        entries.reserveCapacity(Int(json_object_object_length(object)))
        var entry = moltres_json_object_first_entry(object)
        while let current = entry {
            let key = String(cString: moltres_json_entry_key(current))
            let value = convert(moltres_json_entry_value(current), sawLargeInteger: &sawLargeInteger)
            entries.append(JSONObject.Entry(key: key, value: value))
            entry = moltres_json_entry_next(current)
        }
        // json-c keeps one entry per key (a repeated key replaces the value), so keys are already distinct.
        return .object(JSONObject(uniqueEntries: entries))
    default:
        return .null
    }
}

/// Returns a copy of the JSON text with ".0" appended to every integer literal outside `Int64`,
/// so json-c reads it as a double; `nil` when there is none. Strings are skipped.
private func markingOutOfRangeIntegersAsDoubles(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
    var output: [UInt8] = []
    var changed = false
    var index = 0
    var copiedUpTo = 0
    while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") {
            index += 1
            while index < bytes.count && bytes[index] != UInt8(ascii: "\"") {
                index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
            }
            index += 1
        } else if byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            let start = index
            index += 1
            var isInteger = true
            while index < bytes.count {
                let next = bytes[index]
                if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) {
                    index += 1
                } else if next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E")
                    || next == UInt8(ascii: "+") || next == UInt8(ascii: "-")
                {
                    isInteger = false
                    index += 1
                } else {
                    break
                }
            }
            let literal = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            if isInteger && Int64(literal) == nil {
                output.append(contentsOf: bytes[copiedUpTo..<index])
                output.append(contentsOf: [UInt8(ascii: "."), UInt8(ascii: "0")])
                copiedUpTo = index
                changed = true
            }
        } else {
            index += 1
        }
    }
    guard changed else { return nil }
    output.append(contentsOf: bytes[copiedUpTo..<bytes.count])
    return output
}
