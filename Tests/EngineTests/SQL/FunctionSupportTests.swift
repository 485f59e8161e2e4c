import Foundation
import Testing

@testable import Moltres

/// `docs/functions.md`: for every function of the registry, the SQL it becomes on each dialect — native, emulated
/// in SQL, registered on the SQLite connection (`moltres_…`), or refused with `MOL4001`. Generated from the
/// dialects themselves, so it cannot drift: a test compares the page with what the code generates.
@Suite struct FunctionSupportTests {
    /// The catalog of the examples: one table with a column of each kind the arguments need.
    static let catalog: Catalog = {
        var catalog = Catalog()
        func column(_ name: String, _ type: SQLType) -> ColumnInfo {
            ColumnInfo(name: name, declaredType: type.rawValue.uppercased(), type: type)
        }
        catalog.add(
            TableInfo(
                name: "t",
                columns: [
                    column("x", .real), column("n", .integer), column("s", .text), column("d", .date),
                    column("ts", .timestamp), column("j", .json),
                ]))
        return catalog
    }()

    /// An argument for a parameter, by its name and the function's category.
    static func argument(_ parameter: String, of function: BuiltinFunction) -> String {
        let name = String(parameter.prefix { $0 != "=" }).trimmingCharacters(in: CharacterSet(charactersIn: "*"))
        let column: String
        switch function.category {
        case .string: column = "col(\"s\")"
        case .datetime: column = function.name == "from_unixtime" ? "col(\"n\")" : "col(\"d\")"
        case .json, .array: column = "col(\"j\")"
        default: column = "col(\"x\")"
        }
        switch name {
        case "col", "cols", "col1", "x", "date1", "start": return column
        case "col2", "y", "date2", "end": return function.category == .datetime ? "col(\"ts\")" : "col(\"x\")"
        case "value", "default": return function.category == .string ? "\"v\"" : "1"
        case "df": return "db.table(\"t\").select(\"x\")"
        case "condition": return "col(\"x\") > 1"
        case "format":
            return function.name.contains("date") || function.name.contains("time") ? "\"yyyy-MM-dd\"" : "\"%d\""
        case "numBits": return "256"
        case "fraction": return "0.5"
        case "base", "exp": return "2"
        case "pos", "n", "length", "len", "offset", "scale", "idx", "months", "seed": return "2"
        case "unit": return "\"day\""
        case "interval": return "\"1 day\""
        case "path": return "\"$.a\""
        case "fields": return "\"a\""
        default: return "\"a\""
        }
    }

    /// The example call of a function.
    static func call(_ function: BuiltinFunction) -> String {
        var arguments = function.parameters.prefix(function.minimumArguments).map { argument($0, of: function) }
        // Any number of columns: two show what the dialect does with several.
        if function.parameters == ["cols"], function.maximumArguments == nil {
            arguments.append("col(\"n\")")
        }
        var call = "F.\(function.name)(\(arguments.joined(separator: ", ")))"
        if function.kind == .window { call += ".over(Window.orderBy(\"n\"))" }
        return call
    }

    /// What a dialect makes of the call: the SQL of the select list, or why not.
    static func rendering(of function: BuiltinFunction, on dialect: DatabaseKind) -> String {
        let source = "db.table(\"t\").select(\(call(function)).alias(\"r\"))\n"
        let compilation = compile(source, catalog: catalog, dialect: dialect)
        if let error = compilation.diagnostics.first(where: { $0.severity == .error }) {
            return error.code.rawValue == "MOL4001" ? "not supported (\(error.message))" : "example: \(error.code)"
        }
        guard let plan = compilation.statements.first?.plan else { return "example: no plan" }
        do {
            let sql = try generateSQL(for: plan, dialect: makeDialect(dialect), catalog: catalog).text
            guard let start = sql.range(of: "SELECT "), let end = sql.range(of: " AS \"r\"") else { return sql }
            return String(sql[start.upperBound..<end.lowerBound])
        } catch let error as CompileError {
            return "not supported (\(error.diagnostic.message))"
        } catch {
            return "example: \(error)"
        }
    }

    /// How a dialect provides a function, from its rendering.
    static func how(_ function: BuiltinFunction, _ rendering: String) -> String {
        if rendering.hasPrefix("not supported") { return "not supported" }
        if rendering.contains("moltres_") { return "registered" }
        let names = ([function.name] + function.aliases).map { $0.lowercased() }
        let head = rendering.prefix { $0 != "(" }.lowercased()
        if names.contains(head) && rendering.hasSuffix(")") { return "native" }
        return "SQL"
    }

    /// A table cell: the kind, then the SQL (markdown-escaped, long ones cut).
    static func cell(_ function: BuiltinFunction, on dialect: DatabaseKind) -> String {
        let rendering = Self.rendering(of: function, on: dialect)
        let kind = how(function, rendering)
        if kind == "not supported" {
            let reason = rendering.dropFirst("not supported (".count).dropLast()
            return "**not supported**: " + reason.replacingOccurrences(of: "|", with: "\\|")
        }
        var sql = rendering
        if sql.count > 140 { sql = String(sql.prefix(137)) + "…" }
        return "\(kind): `\(sql.replacingOccurrences(of: "|", with: "\\|"))`"
    }

    static func markdown() -> String {
        var text = """
            # Functions on each database

            What every function of `F` becomes on SQLite and on PostgreSQL, for `t(x REAL, n INTEGER, s TEXT, \
            d DATE, ts TIMESTAMP, j JSON)`. **native**: the database's own function; **SQL**: written in SQL from \
            what the database has (the same answers on both databases is the aim; the engine's tests compare them); \
            **registered**: a function Moltres registers on every SQLite connection it opens (`moltres_…`), so \
            the SQL that `moltres sql` prints for it runs through Moltres, not in the bare `sqlite3` shell; \
            **not supported**: `moltres check` reports `MOL4001` naming the function, and nothing runs.

            This page is generated from the dialects (`Tests/EngineTests/SQL/FunctionSupportTests.swift` compiles \
            each call and keeps the page in sync; run the tests with `MOLTRES_UPDATE_FIXTURES=1` to rewrite it).


            """
        for category in BuiltinFunction.Category.allCases {
            let functions = BuiltinFunction.all.filter { $0.category == category }
            guard !functions.isEmpty else { continue }
            text += "## \(category.rawValue.prefix(1).uppercased() + category.rawValue.dropFirst())\n\n"
            text += "| call | SQLite | PostgreSQL |\n|---|---|---|\n"
            for function in functions {
                let call = Self.call(function).replacingOccurrences(of: "|", with: "\\|")
                text += "| `\(call)` | \(cell(function, on: .sqlite)) | \(cell(function, on: .postgresql)) |\n"
            }
            text += "\n"
        }
        return text
    }

    @Test func documentationIsGeneratedFromTheDialects() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/functions.md")
        let generated = Self.markdown()
        if ProcessInfo.processInfo.environment["MOLTRES_UPDATE_FIXTURES"] == "1" {
            try generated.write(to: url, atomically: true, encoding: .utf8)
        }
        let stored = try String(contentsOf: url, encoding: .utf8)
        #expect(stored == generated, "docs/functions.md is stale: run the tests with MOLTRES_UPDATE_FIXTURES=1")
        // The functions issue #4 names as missing from SQLite are all provided there.
        for name in ["stddev", "variance", "lpad", "greatest", "regexp_replace", "md5"] {
            let function = try #require(BuiltinFunction.named(name))
            #expect(Self.how(function, Self.rendering(of: function, on: .sqlite)) != "not supported", "\(name)")
        }
    }

    @Test func everyFunctionRendersOnBothDialects() {
        var failures: [String] = []
        for function in BuiltinFunction.all {
            for dialect in [DatabaseKind.sqlite, .postgresql] {
                let text = Self.rendering(of: function, on: dialect)
                if text.hasPrefix("example") {
                    failures.append("\(function.name) \(dialect): \(Self.call(function)) → \(text)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
