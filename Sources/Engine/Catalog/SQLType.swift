import Foundation

/// The SQL types the checker and the drivers reason about.
///
/// A database's declared type name (`VARCHAR(20)`, `int8`, `timestamptz`, …) maps onto one of these
/// with ``SQLType/init(declaredTypeName:)``; the original name is kept beside it where it matters.
public enum SQLType: String, Sendable, Hashable, Codable, CaseIterable {
    case integer
    case real
    case decimal
    case text
    case boolean
    case date
    case time
    case timestamp
    case blob
    case json
    case unknown

    /// Maps a declared type name to a type.
    ///
    /// Follows SQLite's affinity rules (https://www.sqlite.org/datatype3.html §3.1) for names it does not
    /// know by heart, so any declared name of a SQLite or PostgreSQL column lands somewhere sensible.
    public init(declaredTypeName: String) {
        // The name before any `(precision)`, without surrounding white space, lowercased. (Foundation's
        // `trimmingCharacters` made this most of the cost of reading a 10,000-column catalog.)
        var trimmed = declaredTypeName.prefix { $0 != "(" }
        while trimmed.first?.isWhitespace == true { trimmed.removeFirst() }
        while trimmed.last?.isWhitespace == true { trimmed.removeLast() }
        let base = trimmed.lowercased()
        if base.isEmpty {
            self = .unknown
            return
        }
        switch base {
        case "int", "integer", "int2", "int4", "int8", "smallint", "bigint", "tinyint", "mediumint", "serial",
            "bigserial", "smallserial", "oid", "unsigned big int":
            self = .integer
        case "real", "float", "float4", "float8", "double", "double precision":
            self = .real
        case "numeric", "decimal", "money":
            self = .decimal
        case "text", "varchar", "char", "character", "character varying", "bpchar", "name", "citext", "uuid",
            "clob", "nvarchar", "nchar", "string", "varying character", "native character", "inet", "cidr",
            "interval":
            self = .text
        case "bool", "boolean":
            self = .boolean
        case "date":
            self = .date
        case "time", "timetz", "time without time zone", "time with time zone":
            self = .time
        case "timestamp", "timestamptz", "datetime", "timestamp without time zone", "timestamp with time zone":
            self = .timestamp
        case "blob", "bytea", "binary", "varbinary":
            self = .blob
        case "json", "jsonb":
            self = .json
        default:
            // SQLite's affinity rules, in their documented order.
            if base.contains("int") {
                self = .integer
            } else if base.contains("char") || base.contains("clob") || base.contains("text") {
                self = .text
            } else if base.contains("blob") {
                self = .blob
            } else if base.contains("real") || base.contains("floa") || base.contains("doub") {
                self = .real
            } else if base.hasPrefix("timestamp") {
                self = .timestamp
            } else if base.hasPrefix("time") {
                self = .time
            } else {
                self = .unknown
            }
        }
    }

    /// Whether values of this type take part in arithmetic.
    public var isNumeric: Bool {
        switch self {
        case .integer, .real, .decimal: return true
        case .text, .boolean, .date, .time, .timestamp, .blob, .json, .unknown: return false
        }
    }
}
