/// A type that writes its own JSON text, byte for byte what ``JSONValueEncoder`` makes of it (same keys, same
/// order, absent optionals left out), without building a ``JSONValue`` tree first.
///
/// ``RequestContext/reply(_:)-(Result<Response,ResponseError>)`` uses it for results that conform (hover and
/// completion answers), which takes the `Codable` encoder off the latency of the requests asked most often.
/// `Tests/ProtocolTests/DirectEncodingTests.swift` checks each conformance against ``JSONValueEncoder``.
public protocol JSONDirectEncodable: Encodable {
    /// Appends the value's compact JSON text to `writer`.
    func writeJSON(to writer: inout JSONWriter)
}

extension JSONDirectEncodable {
    /// The compact JSON text of the value.
    public func directlyEncodedBytes() -> [UInt8] {
        var writer = JSONWriter(capacity: 512)
        writeJSON(to: &writer)
        return writer.bytes
    }
}

extension JSONWriter {
    /// Writes `{`; pair with ``endObject()``. Members are written with ``member(_:)`` and a value.
    public mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Writes `}`.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Writes `[`; pair with ``endArray()``. Elements are written with ``element()`` and a value.
    public mutating func beginArray() {
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Writes `]`.
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes the separator before an array element.
    public mutating func element() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = false
    }

    /// Writes the separator and `"key":` of an object member; `key` must need no escaping.
    public mutating func member(_ key: StaticString) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = false
    }

    /// Writes the member `key` with a string value, or nothing when `value` is `nil`.
    public mutating func member(_ key: StaticString, ifPresent value: String?) {
        guard let value else { return }
        member(key)
        self.value(value)
    }

    /// Writes the member `key` with an integer value, or nothing when `value` is `nil`.
    public mutating func member(_ key: StaticString, ifPresent value: Int?) {
        guard let value else { return }
        member(key)
        self.value(value)
    }

    /// Writes the member `key` with a Boolean value, or nothing when `value` is `nil`.
    public mutating func member(_ key: StaticString, ifPresent value: Bool?) {
        guard let value else { return }
        member(key)
        self.value(value)
    }

    /// Writes the member `key` with a directly encodable value, or nothing when `value` is `nil`.
    public mutating func member(_ key: StaticString, ifPresent value: (some JSONDirectEncodable)?) {
        guard let value else { return }
        member(key)
        self.value(value)
    }

    /// Writes a string value.
    public mutating func value(_ string: String) {
        writeString(string)
        needsComma = true
    }

    /// Writes an integer value.
    public mutating func value(_ integer: Int) {
        writeInteger(Int64(integer))
        needsComma = true
    }

    /// Writes a Boolean value.
    public mutating func value(_ bool: Bool) {
        bytes.append(contentsOf: bool ? "true".utf8 : "false".utf8)
        needsComma = true
    }

    /// Writes any JSON value.
    public mutating func value(_ json: JSONValue) {
        write(json)
        needsComma = true
    }

    /// Writes JSON text that is already encoded, as it is.
    public mutating func value(encoded: [UInt8]) {
        bytes.append(contentsOf: encoded)
        needsComma = true
    }

    /// Writes a directly encodable value.
    public mutating func value(_ encodable: some JSONDirectEncodable) {
        encodable.writeJSON(to: &self)
        needsComma = true
    }

    /// Writes any `Encodable` through ``JSONValueEncoder`` (for the rare fields a direct encoder does not spell
    /// out).
    public mutating func value(encoding encodable: some Encodable) throws {
        write(try JSONValueEncoder().encode(encodable))
        needsComma = true
    }
}

extension Position: JSONDirectEncodable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("line")
        writer.value(line)
        writer.member("character")
        writer.value(character)
        writer.endObject()
    }
}

extension LSPRange: JSONDirectEncodable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("start")
        writer.value(start)
        writer.member("end")
        writer.value(end)
        writer.endObject()
    }
}

extension MarkupContent: JSONDirectEncodable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("kind")
        writer.value(kind.rawValue)
        writer.member("value")
        writer.value(value)
        writer.endObject()
    }
}

extension Hover: JSONDirectEncodable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("contents")
        writer.value(contents)
        writer.member("range", ifPresent: range)
        writer.endObject()
    }
}

extension StringOrMarkupContent: JSONDirectEncodable {
    public func writeJSON(to writer: inout JSONWriter) {
        switch self {
        case .string(let string): writer.value(string)
        case .markupContent(let content): writer.value(content)
        }
    }
}

extension CompletionItemLabelDetails: JSONDirectEncodable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("detail", ifPresent: detail)
        writer.member("description", ifPresent: description)
        writer.endObject()
    }
}

extension CompletionItem: JSONDirectEncodable {
    public func writeJSON(to writer: inout JSONWriter) {
        // The fields the server never sets in bulk go through the Codable encoder, whole item at once.
        if tags != nil || textEdit != nil || additionalTextEdits != nil || commitCharacters != nil || command != nil
            || data != nil
        {
            if let value = try? JSONValueEncoder().encode(self) {
                writer.value(value)
                return
            }
        }
        writer.beginObject()
        writer.member("label")
        writer.value(label)
        writer.member("labelDetails", ifPresent: labelDetails)
        writer.member("kind", ifPresent: kind?.rawValue)
        writer.member("detail", ifPresent: detail)
        writer.member("documentation", ifPresent: documentation)
        writer.member("preselect", ifPresent: preselect)
        writer.member("sortText", ifPresent: sortText)
        writer.member("filterText", ifPresent: filterText)
        writer.member("insertText", ifPresent: insertText)
        writer.member("insertTextFormat", ifPresent: insertTextFormat?.rawValue)
        writer.endObject()
    }
}

extension CompletionList: JSONDirectEncodable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("isIncomplete")
        writer.value(isIncomplete)
        writer.member("items")
        writer.beginArray()
        for item in items {
            writer.element()
            writer.value(item)
        }
        writer.endArray()
        writer.endObject()
    }
}

/// The compact JSON text of `value`: written directly when it is ``JSONDirectEncodable`` (an optional one too),
/// else through ``JSONValueEncoder``.
public func encodeJSONBytes<Value: Encodable>(_ value: Value) throws -> [UInt8] {
    if let direct = value as? any JSONDirectEncodable { return direct.directlyEncodedBytes() }
    return try JSONValueEncoder().encode(value).encodedBytes()
}
