import CPostgres

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How the driver turns a text-format result cell of a given type into a ``DatabaseValue``.
@usableFromInline enum PostgresDecoder: UInt8 {
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
    @inline(__always) @usableFromInline
    func decode(_ bytes: UnsafePointer<CChar>, length: Int) -> DatabaseValue {
        decode(bytes, length: length, smallASCII: SmallASCIIString.isUsable)
    }

    /// ``decode(_:length:)`` with ``SmallASCIIString/isUsable`` read by the caller (once per row or cursor, not
    /// once per text cell: reading the lazily initialized global is a `swift_once` call).
    @inline(__always) @usableFromInline
    func decode(_ bytes: UnsafePointer<CChar>, length: Int, smallASCII: Bool) -> DatabaseValue {
        let raw = UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt8.self)
        switch self {
        case .integer:
            if let value = parseDecimalInteger(raw, length: length) { return .integer(value) }
            return .text(String(decoding: UnsafeBufferPointer(start: raw, count: length), as: UTF8.self))
        case .real:
            return .real(parsePostgresReal(raw, length: length))
        case .boolean:
            return .boolean(length > 0 && raw[0] == UInt8(ascii: "t"))
        case .blob:
            return .blob(decodeBytea(raw, length: length))
        case .text:
            return .text(String(databaseText: raw, count: length, smallASCII: smallASCII))
        }
    }
}

/// A float8/float4 value in text format (NUL-terminated by libpq).
///
/// Most floats are short decimals that the exact fast path reads; anything else goes to strtod, which can read in
/// place since libpq terminates every value with NUL, and accepts PostgreSQL's `NaN`, `Infinity` and `-Infinity`
/// spellings.
@inline(__always) @usableFromInline func parsePostgresReal(_ raw: UnsafePointer<UInt8>, length: Int) -> Double {
    if let value = parseShortDecimalDouble(raw, length: length) { return value }
    return strtod(UnsafeRawPointer(raw).assumingMemoryBound(to: CChar.self), nil)
}

/// Exact powers of ten, 10^0 … 10^22 (every one is a double without rounding).
private let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
    1e20, 1e21, 1e22,
]

/// Parses a decimal float such as `-12.25` or `1.5e-07` when it can be done exactly with one operation, else `nil`.
///
/// Clinger's fast path: when the digits, read as an integer `m`, are below 2^53 and the decimal exponent `e` is
/// within ±22, both `m` and 10^|e| are exact doubles, so the single multiplication or division `m × 10^e` is
/// correctly rounded: the same double `strtod` returns, at a fraction of its cost. PostgreSQL prints float8 in
/// shortest form (`0.25`, `1e+20`, `123456.789`), which nearly always qualifies; anything else (more digits,
/// a larger exponent, `NaN`, `Infinity`, malformed text) returns `nil`, and the caller uses `strtod`.
@inline(__always)
func parseShortDecimalDouble(_ bytes: UnsafePointer<UInt8>, length: Int) -> Double? {
    guard length > 0 && length <= 32 else { return nil }
    var index = 0
    let negative = bytes[0] == UInt8(ascii: "-")
    if negative { index = 1 }
    var mantissa: UInt64 = 0
    var sawDigit = false
    var fractionDigits = 0
    var afterPoint = false
    while index < length {
        let byte = bytes[index]
        if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
            mantissa = mantissa &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
            // Below 2^53, so every step stays exact (and 17 digits cannot overflow UInt64 on the way).
            guard mantissa < 1 << 53 else { return nil }
            sawDigit = true
            if afterPoint { fractionDigits += 1 }
        } else if byte == UInt8(ascii: ".") && !afterPoint {
            afterPoint = true
        } else {
            break
        }
        index += 1
    }
    guard sawDigit else { return nil }
    var exponent = 0
    if index < length {
        guard bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") else { return nil }
        index += 1
        var exponentNegative = false
        if index < length && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
            exponentNegative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < length && length - index <= 4 else { return nil }
        while index < length {
            let digit = Int(bytes[index]) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            exponent = exponent * 10 + digit
            index += 1
        }
        if exponentNegative { exponent = -exponent }
    }
    let power = exponent - fractionDigits
    let value: Double
    if power >= 0 {
        guard power <= 22 else { return nil }
        value = Double(mantissa) * exactPowersOfTen[power]
    } else {
        guard power >= -22 else { return nil }
        value = Double(mantissa) / exactPowersOfTen[-power]
    }
    return negative ? -value : value
}

/// Decodes bytea text output: the hex format (`\x0a1b…`, the default since PostgreSQL 9.0),
/// or the escape format through `PQunescapeBytea`.
@usableFromInline func decodeBytea(_ raw: UnsafePointer<UInt8>, length: Int) -> [UInt8] {
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
