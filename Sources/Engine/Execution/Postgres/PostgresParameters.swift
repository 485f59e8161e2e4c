import CPostgres

/// Parameter values laid out the way `PQprepare` and `PQsendQueryPrepared` want them.
///
/// Integers (int8), reals (float8), booleans and blobs (bytea) travel in binary format with their type OID,
/// so no number is formatted or parsed and NaN and the infinities pass unchanged.
/// Text and NULL travel with OID 0 ("unknown") in text format, so the server infers the type from context:
/// a date string compared with a `date` column becomes a date, a decimal string becomes a `numeric`.
struct PostgresParameters {
    /// The type OID of each parameter, which is also part of the prepared statement's cache key.
    private(set) var types: [Oid] = []
    private var bytes: [UInt8] = []
    private var offsets: [Int] = []
    private var lengths: [Int32] = []
    private var formats: [Int32] = []

    /// Lays out `values`; throws for text PostgreSQL cannot store (a NUL byte).
    init(_ values: [DatabaseValue], sql: String) throws {
        guard !values.isEmpty else { return }
        types.reserveCapacity(values.count)
        offsets.reserveCapacity(values.count)
        lengths.reserveCapacity(values.count)
        formats.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            switch value {
            case .null:
                append(type: PostgresType.unknown, format: 0, offset: -1, length: 0)
            case .integer(let integer):
                appendBinary(type: PostgresType.int8, integer.bigEndian)
            case .real(let real):
                appendBinary(type: PostgresType.float8, real.bitPattern.bigEndian)
            case .boolean(let boolean):
                append(type: PostgresType.bool, format: 1, offset: bytes.count, length: 1)
                bytes.append(boolean ? 1 : 0)
            case .blob(let blob):
                append(type: PostgresType.bytea, format: 1, offset: bytes.count, length: Int32(blob.count))
                bytes.append(contentsOf: blob)
            case .text(let text):
                let start = bytes.count
                var text = text
                text.withUTF8 { bytes.append(contentsOf: $0) }
                if bytes[start...].contains(0) {
                    throw DatabaseError(
                        kind: .sql,
                        message: "parameter $\(index + 1) is text containing a NUL byte (U+0000), which PostgreSQL "
                            + "text cannot store; bind it as a blob instead",
                        sqlState: "22021", sql: sql)
                }
                bytes.append(0)
                append(type: PostgresType.unknown, format: 0, offset: start, length: Int32(bytes.count - start - 1))
            }
        }
        // A zero-length binary value still needs a non-NULL pointer, so the buffer is never empty.
        bytes.append(0)
    }

    private mutating func append(type: Oid, format: Int32, offset: Int, length: Int32) {
        types.append(type)
        formats.append(format)
        offsets.append(offset)
        lengths.append(length)
    }

    private mutating func appendBinary<Value: FixedWidthInteger>(type: Oid, _ value: Value) {
        append(type: type, format: 1, offset: bytes.count, length: Int32(MemoryLayout<Value>.size))
        withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
    }

    /// The number of parameters.
    var count: Int32 { Int32(types.count) }

    /// Calls `body` with the value pointers, lengths and formats, valid only during the call.
    func withPointers<Result>(
        _ body: (
            _ values: UnsafePointer<UnsafePointer<CChar>?>?, _ lengths: UnsafePointer<Int32>?,
            _ formats: UnsafePointer<Int32>?
        ) throws -> Result
    ) rethrows -> Result {
        if types.isEmpty { return try body(nil, nil, nil) }
        return try bytes.withUnsafeBytes { buffer in
            let base = buffer.baseAddress!.assumingMemoryBound(to: CChar.self)
            return try withUnsafeTemporaryAllocation(of: UnsafePointer<CChar>?.self, capacity: offsets.count) {
                pointers in
                for (index, offset) in offsets.enumerated() {
                    pointers[index] = offset < 0 ? nil : base + offset
                }
                return try lengths.withUnsafeBufferPointer { lengths in
                    try formats.withUnsafeBufferPointer { formats in
                        try body(UnsafePointer(pointers.baseAddress), lengths.baseAddress, formats.baseAddress)
                    }
                }
            }
        }
    }
}
