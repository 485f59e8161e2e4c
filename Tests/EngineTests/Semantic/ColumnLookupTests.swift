import Testing

@testable import Moltres

/// Column look-ups compare a small ASCII name with each column's name as raw bits (``Binder/firstMatch(_:in:smallASCII:)``):
/// they must find exactly what comparing the strings finds, for every kind of string on either side.
@Suite struct ColumnLookupTests {
    /// The scan reads a column's name at the start of each `PlanColumn`.
    @Test func aColumnsNameIsItsFirstStoredProperty() {
        #expect(MemoryLayout<PlanColumn>.offset(of: \PlanColumn.name) == 0)
        #expect(MemoryLayout<String>.size == 16)
    }

    /// `text` as a heap string even though it is short (a string with reserved capacity is never small).
    static func heapString(_ text: String) -> String {
        var string = ""
        string.reserveCapacity(64)
        string += text
        return string
    }

    /// What the look-up answered before the bit test: names compared as strings, then case-insensitively.
    static func expected(_ reference: ColumnReference, _ columns: [PlanColumn]) -> (index: Int?, count: Int) {
        func qualifies(_ column: PlanColumn, folded: Bool) -> Bool {
            guard let qualifier = reference.qualifier else { return true }
            if !folded { return column.qualifiers.contains(qualifier) }
            return column.qualifiers.contains { $0.lowercased() == qualifier.lowercased() }
        }
        var found = columns.indices.filter { index in
            columns[index].name == reference.name && qualifies(columns[index], folded: false)
        }
        if found.isEmpty {
            found = columns.indices.filter { index in
                columns[index].name.lowercased() == reference.name.lowercased()
                    && qualifies(columns[index], folded: true)
            }
        }
        return (found.first, found.count)
    }

    @Test func bitComparisonFindsWhatStringComparisonFinds() {
        let texts = [
            "id", "ID", "amount", "amounts", "customer_id", "customer_ie", "abcdefghijklmno", "abcdefghijklmnop",
            "prix_€", "prix_e", "é", "", "a", "b", "status", "Status",
        ]
        // Every name as a small string and as a heap string, in two tables.
        var columns: [PlanColumn] = []
        for (offset, text) in texts.enumerated() {
            let qualifier = offset % 2 == 0 ? "orders" : "customers"
            columns.append(PlanColumn(name: text, type: .integer, qualifiers: [qualifier]))
            columns.append(PlanColumn(name: Self.heapString(text), type: .integer, qualifiers: [qualifier]))
        }
        let references =
            texts.flatMap { [ColumnReference($0), ColumnReference(Self.heapString($0))] }
            + texts.map { ColumnReference($0, qualifier: "orders") }
            + texts.map { ColumnReference($0, qualifier: "CUSTOMERS") }
            + [ColumnReference("nothing"), ColumnReference("AMOUNT"), ColumnReference("id", qualifier: "nope")]
        for reference in references {
            let want = Self.expected(reference, columns)
            for smallASCII in [true, false] {
                let got = Binder.firstMatch(reference, in: columns, smallASCII: smallASCII && SmallASCIIString.isUsable)
                #expect(got.index == want.index && got.count == want.count, "\(reference) \(smallASCII)")
            }
            let none = Binder.firstMatch(reference, in: [], smallASCII: SmallASCIIString.isUsable)
            #expect(none.index == nil && none.count == 0)
        }
    }
}
