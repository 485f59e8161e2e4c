extension DatabaseValue {
    /// An integer read as a boolean (0 false, anything else true); other values unchanged.
    @inline(__always)
    mutating func decodeBoolean() {
        if case .integer(let value) = self { self = .boolean(value != 0) }
    }
}

extension SQLStatement {
    /// The result columns the plan types as boolean, when `dialect` returns them as integers: SQLite has no
    /// boolean type, so `x > 1`, `IS NULL` or `contains(…)` come back as 0 and 1, where PostgreSQL returns
    /// `true`/`false`. Reading these columns as booleans gives the same values on both.
    func integerBooleanColumns(on kind: DatabaseKind) -> [Int] {
        guard kind == .sqlite else { return [] }
        return resultColumns.indices.filter { resultColumns[$0].type == .boolean }
    }
}
