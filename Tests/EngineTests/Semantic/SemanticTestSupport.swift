import Foundation
import Testing

@testable import Moltres

/// Shared helpers of the semantic tests: cases are data, checked by these functions.
enum SemanticTestSupport {
    /// The demo shop's catalog, read from an in-memory SQLite database made by `DemoShop.create(on:)`.
    static let demoCatalog: Catalog = {
        do {
            let connection = try SQLiteConnection("sqlite:///:memory:")
            try DemoShop.create(on: connection)
            return try connection.loadCatalog()
        } catch {
            fatalError("cannot build the demo catalog: \(error)")
        }
    }()

    /// A fresh in-memory demo shop with a session over it.
    static func demoSession() throws -> Session {
        let connection = try SQLiteConnection("sqlite:///:memory:")
        try DemoShop.create(on: connection)
        return try Session(connection: connection)
    }

    /// The marker that tests put in source text to name a position; it is removed before compiling.
    static let marker: Character = "‸"

    /// Splits `text` at its marker: the source without it, and the marker's byte offset.
    static func locate(_ text: String) -> (source: String, offset: Int) {
        guard let index = text.firstIndex(of: marker) else { return (text, text.utf8.count) }
        let offset = text[..<index].utf8.count
        var source = text
        source.remove(at: index)
        return (source, offset)
    }

    /// Compiles `source` against the demo catalog and expects exactly `codes`, in source order.
    static func check(
        _ source: String, _ codes: [String], catalog: Catalog = demoCatalog, dialect: DatabaseKind = .sqlite,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let compilation = compile(source, catalog: catalog, dialect: dialect)
        let found = compilation.diagnostics.map(\.code.rawValue)
        #expect(
            found == codes, "\(source)\n→ \(compilation.diagnostics.map(\.description).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
    }

    /// Compiles `text` (with a marker on a step's method name) and expects that step's output column names.
    static func checkSchema(
        _ text: String, _ columns: [String], catalog: Catalog = demoCatalog,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (source, offset) = locate(text)
        let compilation = compile(source, catalog: catalog)
        guard case .dataFrameStep(let schema, _, _)? = compilation.symbol(at: offset) else {
            Issue.record(
                "no DataFrame step at the marker of \(text): \(String(describing: compilation.symbol(at: offset)))",
                sourceLocation: sourceLocation)
            return
        }
        #expect(schema.map(\.name) == columns, "\(text)", sourceLocation: sourceLocation)
    }
}
