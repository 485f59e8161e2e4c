extension DiagnosticCode {
    /// MOL2001: a column name that matches no column of the step's input.
    public static let unknownColumn = DiagnosticCode("MOL2001")
    /// MOL2002: a table the catalog does not know.
    public static let unknownTable = DiagnosticCode("MOL2002")
    /// MOL2003: a bare column name that matches columns of several sources after a join.
    public static let ambiguousColumn = DiagnosticCode("MOL2003")
    /// MOL2004: a name that is neither bound nor predefined.
    public static let unknownName = DiagnosticCode("MOL2004")
    /// MOL2005: a function that `F` does not have.
    public static let unknownFunction = DiagnosticCode("MOL2005")
    /// MOL2010: an arithmetic operator applied to types it does not fit (`text + integer`).
    public static let operatorTypeMismatch = DiagnosticCode("MOL2010")
    /// MOL2011: a comparison between types that cannot be compared (`text > integer`).
    public static let comparisonTypeMismatch = DiagnosticCode("MOL2011")
    /// MOL2012: an argument of the wrong kind (a DataFrame where a column is expected, text where a number is).
    public static let argumentTypeMismatch = DiagnosticCode("MOL2012")
    /// MOL2013: a `where`/`filter` condition that is not boolean.
    public static let conditionNotBoolean = DiagnosticCode("MOL2013")
    /// MOL2014: an unknown type name in `cast(...)` or `column(...)`.
    public static let unknownTypeName = DiagnosticCode("MOL2014")
    /// MOL3001: a method or attribute that the receiver does not have.
    public static let unknownMethod = DiagnosticCode("MOL3001")
    /// MOL3002: a call with too few or too many arguments.
    public static let wrongArity = DiagnosticCode("MOL3002")
    /// MOL3003: a keyword argument the function or method does not take (or takes twice).
    public static let unknownKeywordArgument = DiagnosticCode("MOL3003")
    /// MOL3004: a value outside an enumerated set, such as `how="sideways"`.
    public static let invalidEnumeratedValue = DiagnosticCode("MOL3004")
    /// MOL3005: an aggregate where none is allowed, or a plain column where only aggregates and keys exist.
    public static let aggregateMisuse = DiagnosticCode("MOL3005")
    /// MOL3006: a window function (`row_number`, `lag`, …) without `.over(...)`.
    public static let windowWithoutOver = DiagnosticCode("MOL3006")
    /// MOL3007: a value used in a way its kind does not allow (calling a DataFrame, a negative `limit`, …).
    public static let invalidUse = DiagnosticCode("MOL3007")
    /// MOL3008: a sort order (`asc()`/`desc()`) outside `order_by` or `over(order_by=…)`.
    public static let sortOrderMisplaced = DiagnosticCode("MOL3008")
    /// MOL4001: a function the target database cannot run.
    public static let unsupportedFunction = DiagnosticCode("MOL4001")
    /// MOL4002: a construct the target database cannot run.
    public static let unsupportedFeature = DiagnosticCode("MOL4002")
    /// MOL4003: an identifier longer than the target database allows.
    public static let identifierTooLong = DiagnosticCode("MOL4003")
    /// MOL5001: `update`/`delete` without `where`, which changes every row (a warning).
    public static let unrestrictedWrite = DiagnosticCode("MOL5001")
    /// MOL5002: a write statement inside `with db.transaction(readonly=True)`.
    public static let writeInReadOnlyTransaction = DiagnosticCode("MOL5002")
    /// MOL5003: `txn.…()` used outside its `with` block, or a transaction call that does nothing.
    public static let transactionMisuse = DiagnosticCode("MOL5003")
    /// MOL2099: an expression statement whose value is never used (a hint).
    public static let unusedValue = DiagnosticCode("MOL2099")
}

extension DiagnosticCatalog {
    /// The semantic codes (`MOL2xxx`–`MOL5xxx`), each with an example that produces exactly that code when
    /// compiled against ``DiagnosticCatalog/exampleCatalog`` (SQLite dialect).
    public static let semantic: [Entry] = [
        Entry(
            code: .unknownColumn, title: "Unknown column",
            example: "db.table(\"orders\").select(\"amout\")\n"),
        Entry(code: .unknownTable, title: "Unknown table", example: "db.table(\"ordrs\").select()\n"),
        Entry(
            code: .ambiguousColumn, title: "Ambiguous column",
            example:
                "db.table(\"orders\").join(db.table(\"customers\"), on=col(\"orders.customer_id\") == col(\"customers.id\")).select(\"id\")\n"
        ),
        Entry(code: .unknownName, title: "Unknown name", example: "ordrs.select()\n"),
        Entry(
            code: .unknownFunction, title: "Unknown function",
            example: "db.table(\"orders\").select(F.summ(col(\"amount\")))\n"),
        Entry(
            code: .operatorTypeMismatch, title: "Operator applied to incompatible types",
            example: "db.table(\"orders\").select(col(\"status\") + 1)\n"),
        Entry(
            code: .comparisonTypeMismatch, title: "Comparison of incompatible types",
            example: "db.table(\"orders\").where(col(\"status\") > 100)\n"),
        Entry(
            code: .argumentTypeMismatch, title: "Argument of the wrong kind",
            example: "db.table(\"orders\").limit(\"ten\")\n"),
        Entry(
            code: .conditionNotBoolean, title: "Condition is not boolean",
            example: "db.table(\"orders\").where(col(\"amount\"))\n"),
        Entry(
            code: .unknownTypeName, title: "Unknown type name",
            example: "db.table(\"orders\").select(col(\"amount\").cast(\"currency\"))\n"),
        Entry(code: .unknownMethod, title: "Unknown method", example: "db.table(\"orders\").selct()\n"),
        Entry(code: .wrongArity, title: "Wrong number of arguments", example: "db.table(\"orders\").limit()\n"),
        Entry(
            code: .unknownKeywordArgument, title: "Unknown keyword argument",
            example: "db.table(\"orders\").join(db.table(\"customers\"), on=\"id\", kind=\"left\")\n"),
        Entry(
            code: .invalidEnumeratedValue, title: "Invalid enumerated value",
            example: "db.table(\"orders\").join(db.table(\"customers\"), on=\"id\", how=\"sideways\")\n"),
        Entry(
            code: .aggregateMisuse, title: "Aggregate misuse",
            example: "db.table(\"orders\").group_by(\"status\").agg(col(\"amount\"))\n"),
        Entry(
            code: .windowWithoutOver, title: "Window function without over()",
            example: "db.table(\"orders\").select(F.row_number())\n"),
        Entry(code: .invalidUse, title: "Invalid use of a value", example: "db.table(\"orders\").limit(-1)\n"),
        Entry(
            code: .sortOrderMisplaced, title: "Sort order outside order_by",
            example: "db.table(\"orders\").select(col(\"amount\").desc())\n"),
        Entry(
            code: .unsupportedFunction, title: "Function not supported by the database",
            example: "db.table(\"orders\").select(F.rand(42))\n"),
        Entry(
            code: .unsupportedFeature, title: "Construct not supported by the database",
            example: "db.table(\"orders\").join(db.table(\"customers\"), on=\"id\", lateral=True)\n"),
        Entry(
            code: .identifierTooLong, title: "Identifier too long",
            example: "db.table(\"orders\").select(col(\"amount\").alias(\"" + String(repeating: "x", count: 70)
                + "\"))\n"),
        Entry(code: .unrestrictedWrite, title: "Update or delete without where", example: "db.delete(\"orders\")\n"),
        Entry(
            code: .writeInReadOnlyTransaction, title: "Write in a read-only transaction",
            example:
                "with db.transaction(readonly=True) as t:\n    db.delete(\"orders\", where=col(\"id\") == 1)\n"),
        Entry(
            code: .transactionMisuse, title: "Transaction control outside its block",
            example: "with db.transaction() as t:\n    t.commit()\nt.rollback()\n"
        ),
        Entry(code: .unusedValue, title: "Value not used", example: "col(\"amount\") > 1\n"),
    ]

    /// The dialect an example must be compiled for, when it is not SQLite.
    public static let exampleDialects: [DiagnosticCode: DatabaseKind] = [.identifierTooLong: .postgresql]

    /// Every documented code, syntax first.
    public static var all: [Entry] { syntax + semantic }

    /// The catalog the semantic examples are checked against: the demo shop's tables.
    public static var exampleCatalog: Catalog {
        func column(_ name: String, _ type: SQLType, nullable: Bool = true) -> ColumnInfo {
            ColumnInfo(name: name, declaredType: type.rawValue.uppercased(), type: type, isNullable: nullable)
        }
        var catalog = Catalog(kind: .sqlite)
        catalog.add(
            TableInfo(
                name: "customers",
                columns: [
                    column("id", .integer, nullable: false), column("name", .text), column("email", .text),
                    column("country", .text), column("active", .boolean),
                ]))
        catalog.add(
            TableInfo(
                name: "orders",
                columns: [
                    column("id", .integer, nullable: false), column("customer_id", .integer),
                    column("amount", .real), column("status", .text), column("created_at", .timestamp),
                ]))
        return catalog
    }
}

extension DiagnosticCatalog {
    /// What the page says under a code's example, where the example alone does not tell.
    static let notes: [DiagnosticCode: String] = [
        .unknownTable:
            "A table the file creates with `db.create_table(...)` is known to the statements after it (with the "
            + "columns it is created with; `if_not_exists=True` keeps a table the schema already has), and one it "
            + "drops with `db.drop_table(...)` is unknown after the drop. Without any schema (no database, no schema "
            + "file) tables are not checked at all."
    ]

    /// The catalogue as the Markdown page `docs/diagnostics.md` (generated; a test keeps the file in sync).
    public static func markdown() -> String {
        var text = """
            # Diagnostics

            Every diagnostic of `moltres check`, the language server and `moltres sql` has a stable code. Codes never \
            change meaning. Families: `MOL1xxx` syntax, `MOL2xxx` names and types, `MOL3xxx` API misuse, `MOL4xxx` \
            database (dialect) support, `MOL5xxx` safety, `MOL6xxx` errors raised while running.

            Each row has a minimal example that produces exactly that code (a test compiles every example against \
            a small shop catalog: `customers(id, name, email, country, active)` and \
            `orders(id, customer_id, amount, status, created_at)`, for SQLite unless noted).

            This page is generated from `DiagnosticCatalog` (`Sources/Engine/Syntax/DiagnosticCatalog.swift` and \
            `Sources/Engine/Semantic/SemanticDiagnostics.swift`); run the tests with `MOLTRES_UPDATE_FIXTURES=1` \
            to rewrite it.


            """
        let sections: [(String, [Entry])] = [
            ("Syntax (`MOL1xxx`)", syntax),
            ("Names and types (`MOL2xxx`)", semantic.filter { $0.code.rawValue.hasPrefix("MOL2") }),
            ("API misuse (`MOL3xxx`)", semantic.filter { $0.code.rawValue.hasPrefix("MOL3") }),
            ("Database support (`MOL4xxx`)", semantic.filter { $0.code.rawValue.hasPrefix("MOL4") }),
            ("Safety (`MOL5xxx`)", semantic.filter { $0.code.rawValue.hasPrefix("MOL5") }),
        ]
        for (title, entries) in sections {
            text += "## \(title)\n\n"
            for entry in entries {
                text += "### \(entry.code) — \(entry.title)\n\n"
                if let dialect = exampleDialects[entry.code] { text += "On \(dialect.rawValue):\n\n" }
                var example = entry.example
                if entry.code == .invalidUTF8 { example = "x = \"<the byte 0xFF>\"\n" }
                if entry.code == .nestingTooDeep { example = "x = ((((…300 opening brackets…\n" }
                text += "```python\n\(example)```\n\n"
                if let note = notes[entry.code] { text += note + "\n\n" }
            }
        }
        text += "## Running (`MOL6xxx`)\n\n"
        text += "Raised by running a statement (`moltres run`, the editor's Run), so no compile step reports them. "
        text += "Each example runs on an in-memory SQLite database with the catalog's tables.\n\n"
        for entry in runtime {
            text += "### \(entry.code) — \(entry.title)\n\n"
            if let explanation = runtimeExplanations[entry.code] { text += explanation + "\n\n" }
            text += "```python\n\(entry.example)```\n\n"
        }
        return text
    }
}
