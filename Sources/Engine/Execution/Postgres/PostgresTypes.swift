import CPostgres

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How the driver turns a text-format result cell of a given type into a ``DatabaseValue``.
enum PostgresDecoder: UInt8 {
    /// int2, int4, int8, oid: a decimal integer.
    case integer
    /// float4, float8: a decimal float, or `NaN`, `Infinity`, `-Infinity`.
    case real
    /// bool: `t` or `f`.
    case boolean
    /// bytea: `\x` followed by hex digits (or the older escape format).
    case blob
    /// Everything else, kept as exact text (numeric, dates, JSON, UUIDs, arrays, …).
    case text

    /// Decodes `length` bytes at `bytes` (NUL-terminated by libpq).
    @inline(__always)
    func decode(_ bytes: UnsafePointer<CChar>, length: Int) -> DatabaseValue {
        let raw = UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt8.self)
        switch self {
        case .integer:
            if let value = parseDecimalInteger(raw, length: length) { return .integer(value) }
            return .text(String(decoding: UnsafeBufferPointer(start: raw, count: length), as: UTF8.self))
        case .real:
            // libpq terminates every value with NUL, so strtod can read it in place;
            // it accepts PostgreSQL's `NaN`, `Infinity` and `-Infinity` spellings.
            return .real(strtod(bytes, nil))
        case .boolean:
            return .boolean(length > 0 && raw[0] == UInt8(ascii: "t"))
        case .blob:
            return .blob(decodeBytea(raw, length: length))
        case .text:
            return .text(String(databaseText: raw, count: length))
        }
    }
}

/// Decodes bytea text output: the hex format (`\x0a1b…`, the default since PostgreSQL 9.0),
/// or the escape format through `PQunescapeBytea`.
func decodeBytea(_ raw: UnsafePointer<UInt8>, length: Int) -> [UInt8] {
    if length >= 2 && raw[0] == UInt8(ascii: "\\") && raw[1] == UInt8(ascii: "x") {
        let count = (length - 2) / 2
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var input = 2
            for index in 0..<count {
                buffer[index] = hexValue(raw[input]) << 4 | hexValue(raw[input + 1])
                input += 2
            }
            initialized = count
        }
    }
    var unescapedLength = 0
    guard let unescaped = PQunescapeBytea(raw, &unescapedLength) else { return [] }
    defer { PQfreemem(unescaped) }
    return Array(UnsafeBufferPointer(start: unescaped, count: unescapedLength))
}

@inline(__always)
private func hexValue(_ digit: UInt8) -> UInt8 {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit &- UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit &- UInt8(ascii: "a") &+ 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit &- UInt8(ascii: "A") &+ 10
    default: return 0
    }
}

/// Well-known type OIDs (from `pg_type.dat`; they are fixed across PostgreSQL versions).
enum PostgresType {
    static let bool: Oid = 16
    static let bytea: Oid = 17
    static let int8: Oid = 20
    static let int2: Oid = 21
    static let int4: Oid = 23
    static let text: Oid = 25
    static let oid: Oid = 26
    static let float4: Oid = 700
    static let float8: Oid = 701
    static let unknown: Oid = 0

    /// The decoder for a result column of type `oid`.
    static func decoder(for oid: Oid) -> PostgresDecoder {
        switch oid {
        case int2, int4, int8, Self.oid: return .integer
        case float4, float8: return .real
        case bool: return .boolean
        case bytea: return .blob
        default: return .text
        }
    }

    /// The `format_type` name of common built-in types, so most results need no catalog lookup.
    static let names: [Oid: String] = [
        16: "boolean", 17: "bytea", 18: "\"char\"", 19: "name", 20: "bigint", 21: "smallint", 23: "integer",
        24: "regproc", 25: "text", 26: "oid", 27: "tid", 28: "xid", 29: "cid", 114: "json", 142: "xml",
        194: "pg_node_tree", 600: "point", 650: "cidr", 700: "real", 701: "double precision", 705: "unknown",
        774: "macaddr8", 790: "money", 829: "macaddr", 869: "inet", 1000: "boolean[]", 1001: "bytea[]",
        1005: "smallint[]", 1007: "integer[]", 1009: "text[]", 1014: "character[]", 1015: "character varying[]",
        1016: "bigint[]", 1021: "real[]", 1022: "double precision[]", 1028: "oid[]", 1042: "character",
        1043: "character varying", 1082: "date", 1083: "time without time zone", 1114: "timestamp without time zone",
        1115: "timestamp without time zone[]", 1182: "date[]", 1184: "timestamp with time zone",
        1185: "timestamp with time zone[]", 1186: "interval", 1231: "numeric[]", 1266: "time with time zone",
        1560: "bit", 1562: "bit varying", 1700: "numeric", 2205: "regclass", 2206: "regtype", 2249: "record",
        2278: "void", 2950: "uuid", 2951: "uuid[]", 3614: "tsvector", 3802: "jsonb", 3807: "jsonb[]",
        199: "json[]", 3904: "int4range", 3926: "int8range", 3906: "numrange", 3912: "daterange",
        3908: "tsrange", 3910: "tstzrange", 4089: "regnamespace", 1033: "aclitem",
    ]

    /// The checker type for a column of type `oid` named `name`.
    ///
    /// Arrays and other composite values are decoded as text, so they are typed as text here.
    static func sqlType(oid: Oid, name: String?) -> SQLType {
        switch decoder(for: oid) {
        case .integer: return .integer
        case .real: return .real
        case .boolean: return .boolean
        case .blob: return .blob
        case .text:
            guard let name else { return .unknown }
            if name.hasSuffix("[]") { return .text }
            let type = SQLType(declaredTypeName: name)
            return type == .unknown ? .text : type
        }
    }
}
