import Foundation
import Testing

@testable import Moltres

/// Runs the golden cases on the demo shop: always on in-memory SQLite, and on PostgreSQL when a test server is
/// configured; results must agree between the two.
@Suite(.serialized) struct ExecutionTests {
    static func sqliteSession() throws -> Session {
        let session = try Database.connect("sqlite:///:memory:")
        try DemoShop.create(on: session.connection)
        return session
    }

    static func postgresSession() throws -> (Session, cleanup: () -> Void) {
        let (connection, schema) = try PlanPostgres.connectInFreshSchema()
        try DemoShop.create(on: connection)
        return (
            try Session(connection: connection),
            { _ = try? connection.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE") }
        )
    }

    /// Runs `body` on a fresh demo shop: in-memory SQLite, or a fresh schema on the test PostgreSQL server.
    static func withDemoShop(onPostgres: Bool, _ body: (Session) throws -> Void) throws {
        guard onPostgres else { return try body(try sqliteSession()) }
        let (session, cleanup) = try postgresSession()
        defer { cleanup() }
        try body(session)
    }

    /// Cases whose results depend on randomness or on an arbitrary row numbering, or which a dialect rejects.
    static let nondeterministic: Set<String> = [
        "sample", "monotonically_increasing_id", "monotonically_increasing_id_filtered",
    ]

    /// The result rows of a golden case, normalized so equal answers compare equal across databases.
    static func run(_ golden: GoldenCase, on session: Session) throws -> [[String]]? {
        guard case .query(let frame) = golden.input else { return nil }
        let statement = try frame.sql(dialect: session.dialect, catalog: session.catalog())
        let result = try session.collect(statement)
        let rows = result.rows.map { $0.map(Self.normalize) }
        return golden.ordered ? rows : rows.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// One text per value: numbers by value (6 decimals), booleans as 0/1, JSON re-encoded compactly.
    static func normalize(_ value: DatabaseValue) -> String {
        func number(_ double: Double) -> String {
            let rounded = (double * 1_000_000).rounded() / 1_000_000
            return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : String(rounded)
        }
        switch value {
        case .null: return "NULL"
        case .integer(let integer): return String(integer)
        case .real(let real): return number(real)
        case .boolean(let boolean): return boolean ? "1" : "0"
        case .blob(let bytes): return bytes.map { String($0) }.joined(separator: ",")
        case .text(let text):
            if let double = Double(text), text.first.map({ $0.isNumber || $0 == "-" }) == true { return number(double) }
            if text.hasPrefix("[") || text.hasPrefix("{"), let data = text.data(using: .utf8),
                let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
                let encoded = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            {
                return String(decoding: encoded, as: UTF8.self)
            }
            return text
        }
    }

    @Test func goldenCasesRunOnSQLite() throws {
        let session = try Self.sqliteSession()
        for golden in GoldenCases.all {
            switch golden.input {
            case .query:
                do {
                    _ = try Self.run(golden, on: session)
                } catch let error as PlanError where error.diagnosticCode.isDialectSupport {
                    continue
                } catch {
                    Issue.record("\(golden.name) failed on SQLite: \(error)")
                }
            case .mutation(let mutation):
                do {
                    try session.transaction { session in
                        try session.run(mutation)
                        throw RollBack()
                    }
                } catch is RollBack {
                } catch {
                    Issue.record("\(golden.name) failed on SQLite: \(error)")
                }
            }
        }
    }

    struct RollBack: Error {}

    @Test(.enabled(if: PlanPostgres.shouldRun)) func goldenCasesAgreeAcrossDatabases() throws {
        let sqlite = try Self.sqliteSession()
        let (postgres, cleanup) = try Self.postgresSession()
        defer { cleanup() }
        for golden in GoldenCases.all where !Self.nondeterministic.contains(golden.name) {
            switch golden.input {
            case .query:
                let sqliteRows: [[String]]?
                let postgresRows: [[String]]?
                do {
                    sqliteRows = try Self.run(golden, on: sqlite)
                } catch let error as PlanError where error.diagnosticCode.isDialectSupport {
                    sqliteRows = nil
                }
                do {
                    postgresRows = try Self.run(golden, on: postgres)
                } catch let error as PlanError where error.diagnosticCode.isDialectSupport {
                    postgresRows = nil
                } catch {
                    Issue.record("\(golden.name) failed on PostgreSQL: \(error)")
                    continue
                }
                guard let sqliteRows, let postgresRows else { continue }
                #expect(sqliteRows == postgresRows, "\(golden.name): SQLite and PostgreSQL disagree")
                #expect(!golden.name.hasPrefix("filter") || !sqliteRows.isEmpty)
            case .mutation(let mutation):
                var counts: [Int] = []
                for session in [sqlite, postgres] {
                    do {
                        try session.transaction { session in
                            counts.append(try session.run(mutation))
                            throw RollBack()
                        }
                    } catch is RollBack {
                    } catch {
                        Issue.record("\(golden.name) failed on \(session.dialect.name): \(error)")
                    }
                }
                if counts.count == 2 { #expect(counts[0] == counts[1], "\(golden.name): row counts differ") }
            }
        }
    }

    // MARK: - CRUD

    static func crudChecks(_ session: Session) throws {
        try session.dropTable("plan_crud")
        try session.createTable(
            "plan_crud",
            columns: [
                column("id", "INTEGER", primaryKey: true), column("name", "TEXT", nullable: false),
                column("price", "REAL", default: 1.5),
            ])
        // A constraint violation in the middle of a 10,000-row insert leaves the table unchanged.
        var rows: [[DatabaseValue]] = (0..<10_000).map { [.integer(Int64($0)), .text("item \($0)"), .real(2)] }
        rows[5_000][0] = .integer(10)
        #expect(throws: DatabaseError.self) {
            try session.insert("plan_crud", columns: ["id", "name", "price"], rows: rows)
        }
        #expect(try session.table("plan_crud").count() == 0)
        rows[5_000][0] = .integer(5_000)
        #expect(try session.insert("plan_crud", columns: ["id", "name", "price"], rows: rows) == 10_000)
        #expect(try session.table("plan_crud").count() == 10_000)
        // Update with a column expression.
        #expect(try session.update("plan_crud", where: col("id") < 10, set: ["price": col("price") * 2]) == 10)
        #expect(try session.table("plan_crud").where(col("price") == 4).count() == 10)
        // Upsert: update on conflict, then do nothing.
        let upserted = try session.merge(
            "plan_crud", rows: [["id": 1, "name": "one"], ["id": 20_000, "name": "new"]], on: ["id"],
            whenMatched: ["name": excluded("name")])
        #expect(upserted == 2)
        #expect(try session.table("plan_crud").where(col("id") == 1).select("name").first() == [.text("one")])
        #expect(try session.merge("plan_crud", rows: [["id": 1, "name": "ignored"]], on: ["id"]) == 0)
        // An error inside a transaction block undoes the block.
        #expect(throws: RollBack.self) {
            try session.transaction { session in
                try session.delete("plan_crud", where: col("id") >= 0)
                throw RollBack()
            }
        }
        #expect(try session.table("plan_crud").count() == 10_001)
        // Savepoints inside a transaction block, and Records.
        try session.transaction { session in
            try session.insert("plan_crud", rows: [["id": 30_000, "name": "kept"]])
            let savepoint = try session.savepoint()
            try session.insert("plan_crud", rows: [["id": 30_001, "name": "undone"]])
            try session.rollback(toSavepoint: savepoint)
            try session.releaseSavepoint(savepoint)
        }
        #expect(try session.table("plan_crud").where(col("id") >= 30_000).count() == 1)
        #expect(try session.records([["id": 30_002, "name": "record"]]).insertInto("plan_crud") == 1)
        // A key a row lacks takes the column's default; an explicit NULL stays NULL. A failure in a later group
        // of rows undoes the earlier groups.
        let withDefaults: [[String: DatabaseValue]] = [
            ["id": 40_000, "name": "priced", "price": 3], ["id": 40_001, "name": "default"],
            ["id": 40_002, "name": "null", "price": .null],
        ]
        #expect(try session.insert("plan_crud", rows: withDefaults) == 3)
        let prices = try session.table("plan_crud").where(col("id") >= 40_000).orderBy("id").select("price").collect()
        #expect(prices.rows.map { $0[0] } == [.real(3), .real(1.5), .null])
        #expect(throws: DatabaseError.self) {
            try session.insert(
                "plan_crud",
                rows: [
                    ["id": 40_010, "name": "x", "price": 1], ["id": 40_011, "name": "y"], ["id": 1, "name": "dup"],
                ])
        }
        #expect(try session.table("plan_crud").where(col("id") >= 40_010).count() == 0)
        // merge too: the new row without a price gets the default.
        #expect(
            try session.merge(
                "plan_crud", rows: [["id": 40_001, "name": "again", "price": 7], ["id": 40_003, "name": "merged"]],
                on: ["id"], whenMatched: ["price": excluded("price")]) == 2)
        let merged = try session.table("plan_crud").where(col("id") >= 40_001).orderBy("id").select("price").collect()
        #expect(merged.rows.map { $0[0] } == [.real(7), .null, .real(1.5)])
        #expect(try session.delete("plan_crud", where: col("id") >= 30_000) == 6)
        // INSERT … SELECT inside the database.
        try session.dropTable("plan_crud_copy")
        try session.createTable(
            "plan_crud_copy", columns: [column("id", "INTEGER", primaryKey: true), column("name", "TEXT")])
        #expect(
            try session.table("plan_crud").where(col("id") < 100).select("id", "name").insertInto("plan_crud_copy")
                == 100)
        try session.createIndex("plan_crud_name", table: "plan_crud", columns: ["name"], unique: true)
        try session.dropIndex("plan_crud_name")
        #expect(try session.delete("plan_crud", where: col("id") >= 5_000) == 5_001)
        try session.dropTable("plan_crud_copy")
        try session.dropTable("plan_crud")
    }

    @Test func crudOnSQLite() throws { try Self.crudChecks(try Self.sqliteSession()) }

    @Test(.enabled(if: PlanPostgres.shouldRun)) func crudOnPostgres() throws {
        let (session, cleanup) = try Self.postgresSession()
        defer { cleanup() }
        try Self.crudChecks(session)
    }

    // MARK: - Hostile input

    /// At least 100 payloads: quotes, statement separators, comment markers, NUL, Unicode, long text.
    static let payloads: [String] = {
        var payloads = [
            "'", "''", "\"", "\"\"", ";", "--", "/*", "*/", "' OR '1'='1", "'; DROP TABLE t; --",
            "\"; DROP TABLE t; --",
            "Robert'); DROP TABLE students;--", "\\", "\\'", "%", "_", "%_%", "[", "]", "*", "?", ":name", "$1", "?1",
            "\u{0}", "a\u{0}b", "\n", "\r\n", "\t", "ünïcødé", "表", "🔥", "👩‍👩‍👧", "\u{202E}reversed", "NULL", "null",
            "TRUE", "0x41", "1e309", "-0", " ", "", String(repeating: "x", count: 10_000), "<script>", "${injection}",
            "`backtick`", "[bracket]", "a\"b'c;d--e/*f*/", "SELECT 1", "') OR 1=1 --", "\u{FEFF}bom", "é", "e\u{301}",
        ]
        let pieces = ["'", "\"", ";", "--", "/*", "\u{0}", "表", "%", "_", "\\", ":x", "$2"]
        for (index, first) in pieces.enumerated() {
            for second in pieces[index...] where payloads.count < 130 { payloads.append("v" + first + "w" + second) }
        }
        return payloads
    }()

    static func hostileChecks(_ session: Session) throws {
        #expect(payloads.count >= 100)
        let nulCapable = session.dialect.name == "sqlite"
        for (index, payload) in payloads.enumerated() {
            let table = "t\(index) \(payload.prefix(40))".replacingOccurrences(of: "\u{0}", with: "0")
            let columnName = "c \(payload.prefix(40))".replacingOccurrences(of: "\u{0}", with: "0")
            try session.createTable(
                table, columns: [column("id", "INTEGER", primaryKey: true), column(columnName, "TEXT")])
            let value: DatabaseValue =
                payload.contains("\u{0}") && !nulCapable ? .blob(Array(payload.utf8)) : .text(payload)
            if case .blob = value {
                try session.dropTable(table)
                continue
            }
            #expect(try session.insert(table, columns: ["id", columnName], rows: [[1, value]]) == 1)
            let unnameable =
                payload.contains("\u{0}") || payload.isEmpty
                || session.dialect.maximumIdentifierLength.map { payload.utf8.count > $0 } == true
            let alias = unnameable ? "unnameable" : payload
            let found = try session.table(table).where(col(columnName) == value).select(col(columnName).alias(alias))
                .collect()
            #expect(found.rows == [[value]], "payload \(index) did not round-trip")
            #expect(found.columns.first?.name == alias)
            if unnameable {
                #expect(throws: PlanError.self) {
                    try session.table(table).select(col(columnName).alias(payload)).sql()
                }
            }
            let raw = try session.sql("SELECT :v AS echo", ["v": value]).collect()
            #expect(raw.rows.first?.first == value)
            #expect(try session.table(table).count() == 1)
            try session.dropTable(table)
        }
        // The demo tables are untouched.
        #expect(try session.table("customers").count() == 60)
    }

    @Test func hostileInputOnSQLite() throws { try Self.hostileChecks(try Self.sqliteSession()) }

    @Test(.enabled(if: PlanPostgres.shouldRun)) func hostileInputOnPostgres() throws {
        let (session, cleanup) = try Self.postgresSession()
        defer { cleanup() }
        try Self.hostileChecks(session)
    }

    /// `stddev`/`variance` of an integer column are real numbers on both databases (PostgreSQL computes them as
    /// numeric, which would come back as exact text) and agree.
    @Test(.enabled(if: PlanPostgres.shouldRun)) func deviationOfIntegersIsRealOnBothDatabases() throws {
        let (postgres, cleanup) = try Self.postgresSession()
        defer { cleanup() }
        var results: [[DatabaseValue]] = []
        for session in [try Self.sqliteSession(), postgres] {
            let row = try session.table("orders").agg(
                F.stddev(col("customer_id")).alias("sd"), F.variance(col("customer_id")).alias("v")
            ).collect().rows.arrays
            results.append(try #require(row.first))
        }
        for values in results {
            for value in values {
                guard case .real = value else {
                    Issue.record("not a real: \(value)")
                    continue
                }
            }
        }
        for (sqlite, postgres) in zip(results[0], results[1]) {
            if case .real(let a) = sqlite, case .real(let b) = postgres { #expect(abs(a - b) <= 1e-9 * max(1, abs(a))) }
        }
        // As window functions too (SQLite's emulation puts the window on each aggregate inside it).
        var windowed: [[DatabaseValue]] = []
        for session in [try Self.sqliteSession(), postgres] {
            let window = Window.partitionBy("status")
            windowed.append(
                try session.table("orders").select(
                    col("id"), F.stddev(col("amount")).over(window).alias("sd"),
                    F.variance(col("customer_id")).over(window).alias("v")
                ).orderBy("id").limit(5).collect().rows.arrays.flatMap { $0 })
        }
        #expect(windowed[0].count == 15)
        for (sqlite, postgres) in zip(windowed[0], windowed[1]) {
            switch (sqlite, postgres) {
            case (.real(let a), .real(let b)): #expect(abs(a - b) <= 1e-9 * max(1, abs(a)))
            default: #expect(sqlite == postgres)
            }
        }
    }

    /// The sample statistics are exact as aggregates where the sum-of-squares formula cancels (1e9 + {0, 1, 2}:
    /// variance 1, the formula said 0), skip rows with a NULL, and agree with PostgreSQL, grouped and over a moving
    /// window (where SQLite writes them in SQL).
    @Test(.enabled(if: PlanPostgres.shouldRun)) func statisticsAreExactAndAgreeAcrossDatabases() throws {
        let (postgres, cleanup) = try Self.postgresSession()
        defer { cleanup() }
        var rows: [[DatabaseValue]] = (0..<3).map {
            [.integer(Int64($0 + 1)), .real(1e9 + Double($0)), .real(-Double($0)), "big"]
        }
        rows.append([4, nil, 5.0, "big"])
        rows += (5...12).map { [.integer(Int64($0)), .real(Double($0 * $0) * 0.37), .real(Double($0) - 0.5), "small"] }
        var grouped: [[DatabaseValue]] = []
        var windows: [[DatabaseValue]] = []
        for session in [try Self.sqliteSession(), postgres] {
            let frame = session.createDataFrame(rows, columns: ["id", "x", "y", "g"])
            let big = try frame.where(col("g") == "big").agg(
                F.stddev(col("x")).alias("sd"), F.variance(col("x")).alias("v"), F.covar(col("x"), col("y")).alias("c"),
                F.corr(col("x"), col("y")).alias("r")
            ).collect().rows.arrays
            #expect(big == [[1.0, 1.0, -1.0, -1.0]], "\(session.dialect.name)")
            grouped.append(
                try frame.groupBy("g").agg(F.stddev(col("x")), F.covar(col("x"), col("y")), F.corr(col("x"), col("y")))
                    .orderBy("g").collect().rows.arrays.flatMap { $0 })
            let moving = Window.partitionBy("g").orderBy("id").rowsBetween(-3, 0)
            windows.append(
                try frame.where(col("g") == "small").select(
                    col("id"), F.variance(col("x")).over(moving).alias("v"),
                    F.corr(col("x"), col("y")).over(moving).alias("r")
                ).orderBy("id").collect().rows.arrays.flatMap { $0 })
        }
        for (sqlite, postgres) in zip(grouped[0] + windows[0], grouped[1] + windows[1]) {
            switch (sqlite, postgres) {
            case (.real(let a), .real(let b)): #expect(abs(a - b) <= 1e-9 * max(1, abs(a)), "\(a) vs \(b)")
            default: #expect(sqlite == postgres)
            }
        }
        #expect(grouped[0].count == 8 && windows[0].count == 24)
    }

    /// Boolean expressions are booleans on both databases: SQLite computes them as 0 and 1, which collect, stream,
    /// prepared queries and the script runner read back as `false`/`true`, as PostgreSQL returns them.
    @Test(.enabled(if: PlanPostgres.shouldRun)) func booleanExpressionsAreBooleansOnBothDatabases() throws {
        let (postgres, cleanup) = try Self.postgresSession()
        defer { cleanup() }
        var collected: [[[DatabaseValue]]] = []
        for session in [try Self.sqliteSession(), postgres] {
            let frame = session.table("orders").where(col("id") <= 3).select(
                col("id"), (col("amount") > 1000).alias("big"), F.isnull(col("status")).alias("missing"),
                col("status").contains("i").alias("has_i")
            ).orderBy("id")
            let rows = try frame.collect().rows.arrays
            var streamed: [[DatabaseValue]] = []
            try frame.stream { streamed.append($0) }
            let prepared = try frame.prepare()
            #expect(streamed == rows)
            #expect(try prepared.collect(prepared.parameters).rows.arrays == rows)
            #expect(try prepared.collect().rows.arrays == rows)
            for row in rows {
                for value in row.dropFirst() {
                    guard case .boolean = value else {
                        Issue.record("\(session.dialect.name): \(value) is not a boolean")
                        continue
                    }
                }
            }
            collected.append(rows)
        }
        #expect(collected[0] == collected[1])
        // The script runner (`moltres run`, the editor's Run) too.
        let sqlite = try Self.sqliteSession()
        let plan = sqlite.table("orders").where(col("id") <= 3).select(
            col("id"), (col("amount") > 1000).alias("big")
        ).orderBy("id").plan
        let step = ScriptStep(action: .query(plan), range: ByteRange(start: 0, end: 1), line: 1)
        let results = try ScriptRunner(session: sqlite).run([step])
        #expect(results.first?.rows.map { $0[1] } == collected[0].map { $0[1] })
    }

    /// The rows of two databases are the same, finite reals to 12 significant digits (the databases' math
    /// libraries may differ in the last bit).
    static func expectSameRows(
        _ sqlite: [[DatabaseValue]], _ postgres: [[DatabaseValue]], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(sqlite.count == postgres.count, sourceLocation: sourceLocation)
        for (left, right) in zip(sqlite, postgres) {
            for (a, b) in zip(left, right) {
                switch (a, b) {
                case (.real(let x), .real(let y)) where x.isFinite:
                    #expect(abs(x - y) <= 1e-12 * max(1, abs(x)), "\(left) vs \(right)", sourceLocation: sourceLocation)
                default: #expect(a == b, "\(left) vs \(right)", sourceLocation: sourceLocation)
                }
            }
        }
    }

    /// Outside a function's domain (the square root of -1, the logarithm of 0, the arcsine of 2) the answer is NULL
    /// on both databases, where PostgreSQL failed the whole statement; NULL text stays NULL in `regexp_extract` and
    /// `to_json` on both.
    @Test(.enabled(if: PlanPostgres.shouldRun)) func outOfDomainValuesAndNullTextAgreeAcrossDatabases() throws {
        let (postgres, cleanup) = try Self.postgresSession()
        defer { cleanup() }
        let rows: [[DatabaseValue]] = [[1, -1.0, "abc"], [2, 0.0, nil], [3, 0.5, "xbz"], [4, 4.0, "b"]]
        var results: [[[DatabaseValue]]] = []
        for session in [try Self.sqliteSession(), postgres] {
            let frame = session.createDataFrame(rows, columns: ["id", "x", "s"]).select(
                col("id"), F.sqrt(col("x")).alias("sqrt"), F.log(col("x")).alias("ln"),
                F.log10(col("x")).alias("log10"), F.log2(col("x")).alias("log2"),
                F.asin(col("x") * 2).alias("asin"), F.acos(col("x") - 3).alias("acos"),
                F.regexp_extract(col("s"), "b").alias("extract"), F.to_json(col("s")).alias("json")
            ).orderBy("id")
            results.append(try frame.collect().rows.arrays)
        }
        #expect(results[0].map { $0[1] } == [nil, 0.0, .real(0.5.squareRoot()), 2.0])
        #expect(results[0].map { $0[7] } == ["b", nil, "b", "b"])
        #expect(results[0][1][8] == nil)
        Self.expectSameRows(results[0], results[1])
    }

    /// `exp` and `power` where the result rounds to infinity or zero, zero to a negative power and a negative base
    /// to a fractional power: SQLite answers inf, 0 and NULL where PostgreSQL failed the whole statement ("value out
    /// of range", "zero raised to a negative power is undefined"); the same answers on both now, as Spark's.
    @Test(.enabled(if: PlanPostgres.shouldRun)) func exponentialsOutOfRangeAgreeAcrossDatabases() throws {
        let (postgres, cleanup) = try Self.postgresSession()
        defer { cleanup() }
        let rows: [[DatabaseValue]] = [
            [1, -1000.0, 0.0, -1.0], [2, -745.0, -8.0, 0.5], [3, 1.0, 2.0, 10.0], [4, 709.78, -2.0, 3.0],
            [5, 1000.0, 4.0, 0.5], [6, nil, 0.0, 0.0],
        ]
        var results: [[[DatabaseValue]]] = []
        for session in [try Self.sqliteSession(), postgres] {
            let frame = session.createDataFrame(rows, columns: ["id", "x", "b", "e"]).select(
                col("id"), F.exp(col("x")).alias("exp"), F.pow(col("b"), col("e")).alias("pow"),
                F.power(col("b"), col("e")).alias("power")
            ).orderBy("id")
            results.append(try frame.collect().rows.arrays)
        }
        #expect(
            results[0].map { $0[1] } == [
                0.0, .real(exp(-745.0)), .real(exp(1.0)), .real(exp(709.78)), .real(.infinity), nil,
            ])
        #expect(results[0].map { $0[2] } == [.real(.infinity), nil, 1024.0, -8.0, 2.0, 1.0])
        Self.expectSameRows(results[0], results[1])
    }

    /// Months added to the last days of months clamp to the target month's length on both databases, for
    /// `add_months` and for `date_add`/`date_sub` with months and years (SQLite's `+1 month` modifier gave
    /// 2024-03-02 for 2024-01-31); `unix_timestamp` rounds fractions of seconds down on both (PostgreSQL's cast
    /// rounded to nearest).
    @Test(.enabled(if: PlanPostgres.shouldRun)) func monthArithmeticAndEpochSecondsAgreeAcrossDatabases() throws {
        let (postgres, cleanup) = try Self.postgresSession()
        defer { cleanup() }
        let rows: [[DatabaseValue]] = [
            [1, "2024-01-31 10:11:12"], [2, "2024-02-29 23:59:59.5"], [3, "1969-12-31 23:59:59.5"],
            [4, "2023-03-31 00:00:00"], [5, "2000-12-31 06:00:00"],
        ]
        var results: [[[DatabaseValue]]] = []
        for session in [try Self.sqliteSession(), postgres] {
            let ts = col("ts").cast("timestamp")
            let frame = session.createDataFrame(rows, columns: ["id", "ts"]).select(
                col("id"), F.date_add(ts, "1 month").alias("plus_month"), F.date_sub(ts, "13 months").alias("minus"),
                F.date_add(ts, "1 year").alias("plus_year"), F.date_sub(ts, "2 weeks").alias("weeks"),
                F.add_months(col("ts").cast("date"), -1).alias("add_months"), F.unix_timestamp(col: ts).alias("epoch")
            ).orderBy("id")
            results.append(try frame.collect().rows.arrays)
        }
        #expect(results[0] == results[1])
        #expect(
            results[0].map { $0[1] } == [
                "2024-02-29 10:11:12", "2024-03-29 23:59:59", "1970-01-31 23:59:59", "2023-04-30 00:00:00",
                "2001-01-31 06:00:00",
            ])
        #expect(results[0].map { $0[3] }[1] == "2025-02-28 23:59:59")
        #expect(results[0].map { $0[5] } == ["2023-12-31", "2024-01-29", "1969-11-30", "2023-02-28", "2000-11-30"])
        #expect(results[0].map { $0[6] } == [1_706_695_872, 1_709_251_199, -1, 1_680_220_800, 978_242_400])
    }

    /// Dates past year 9999 or before year 1 are an error on SQLite, whose dates have no other years (adding -2
    /// months to 0000-01-15 stopped the process); an interval beyond 32 bits is refused before it runs.
    @Test func monthArithmeticOutOfRangeIsAnError() throws {
        let session = try Self.sqliteSession()
        let dates = session.createDataFrame([["0000-01-15"], ["9999-12-31"]], columns: ["d"])
        #expect(throws: DatabaseError.self) { try dates.select(F.add_months(col("d"), -2)).collect() }
        #expect(throws: DatabaseError.self) { try dates.select(F.add_months(col("d"), 1)).collect() }
        #expect(throws: DatabaseError.self) { try dates.select(F.add_months(col("d"), Int64.min)).collect() }
        for interval in ["-9223372036854775808 days", "3000000000 months"] {
            let error = #expect(throws: PlanError.self) { try dates.select(F.date_sub(col("d"), interval)).collect() }
            #expect(error?.message.contains("out of range") == true, "\(interval)")
        }
    }

    /// `json_extract` gives an object or array as compact JSON on both databases (PostgreSQL wrote `[1, 2]`) and
    /// reads the path strictly (PostgreSQL's lax mode answered `$[0]` of an object with the object); `array_sort`
    /// puts nulls last and `array_min`/`array_max` leave them out on both, as Spark does (PostgreSQL sorted null
    /// first, and both answered `array_min` of `[3, null]` with NULL).
    @Test(.enabled(if: PlanPostgres.shouldRun)) func jsonPathsAndArrayOrderAgreeAcrossDatabases() throws {
        let (postgres, cleanup) = try Self.postgresSession()
        defer { cleanup() }
        let rows: [[DatabaseValue]] = [
            [1, #"{"a": {"b": [1, 2.5, "x, y: z", null]}, "c": "é"}"#], [2, "[3, 1, null, 2, 2]"], [3, nil],
            [4, #"{"a": null}"#], [5, #"[1, "b", 2.5]"#], [6, "7"],
        ]
        var results: [[[DatabaseValue]]] = []
        for session in [try Self.sqliteSession(), postgres] {
            let frame = session.createDataFrame(rows, columns: ["id", "j"]).select(
                col("id"), F.json_extract(col("j"), "$.a").alias("a"), F.json_extract(col("j"), "$.a.b[2]").alias("b2"),
                F.json_extract(col("j"), "$[0]").alias("first"), F.json_extract(col("j"), "$.c").alias("c"),
                F.array_sort(col("j")).alias("sorted"), F.array_min(col("j")).alias("min"),
                F.array_max(col("j")).alias("max"), F.array_append(col("j"), 9).alias("appended"),
                F.array_sum(col("j")).alias("sum")
            ).orderBy("id")
            results.append(try frame.collect().rows.arrays)
        }
        #expect(results[0] == results[1])
        #expect(results[0][0][1] == #"{"b":[1,2.5,"x, y: z",null]}"#)
        #expect(results[0].map { $0[2] } == ["x, y: z", nil, nil, nil, nil, nil])
        #expect(results[0].map { $0[3] } == [nil, "3", nil, nil, "1", nil])
        #expect(results[0][0][4] == "é")
        #expect(results[0][1][5...] == ["[1,2,2,3,null]", "1", "3", "[3,1,null,2,2,9]", 8.0])
        // Not an array (an object, NULL, a number): NULL from every array function; a sum adds the numbers only.
        #expect(results[0].map { $0[8] } == [nil, "[3,1,null,2,2,9]", nil, nil, #"[1,"b",2.5,9]"#, nil])
        #expect(results[0].map { $0[9] } == [nil, 8.0, nil, nil, 3.5, nil])
    }

    /// `countDistinct` of several columns skips rows with a NULL in any of them on both databases (PostgreSQL's
    /// `count(DISTINCT ROW(…))` counted them, even a row of NULLs).
    @Test(.enabled(if: PlanPostgres.shouldRun)) func countDistinctOfSeveralColumnsSkipsRowsWithNulls() throws {
        let (postgres, cleanup) = try Self.postgresSession()
        defer { cleanup() }
        let rows: [[DatabaseValue]] = [[1, nil], [1, 2], [2, 2], [2, 2], [nil, nil], [nil, 3]]
        for session in [try Self.sqliteSession(), postgres] {
            let frame = session.createDataFrame(rows, columns: ["a", "b"])
            let counted = try frame.agg(F.countDistinct(col("a"), col("b")).alias("n")).collect()
            #expect(counted.rows.arrays == [[2]], "\(session.dialect.name)")
        }
    }

    @Test func summariesAndExplain() throws {
        let session = try Self.sqliteSession()
        let orders = session.table("orders")
        let described = try orders.describe("amount").collect()
        #expect(described.columns.map(\.name) == ["amount_count", "amount_mean", "amount_min", "amount_max"])
        #expect(described.rows.first?.first == .integer(400))
        #expect(try orders.nunique("status") == 5)
        #expect(try orders.where(col("id") == 1).explain().contains("orders"))
        #expect(orders.where(col("id") == 1).visualizePlan() == "Filter\n  Scan(orders)")
        #expect(try orders.where(col("id") < 3).saveAsTable("orders_copy", primaryKey: ["id"]) == 2)
        #expect(try session.table("orders_copy").count() == 2)
        #expect(throws: (any Error).self) { try orders.where(col("id") < 3).saveAsTable("orders_copy") }
        #expect(try orders.where(col("id") < 5).saveAsTable("orders_copy", mode: "overwrite", primaryKey: ["id"]) == 4)
        #expect(try orders.orderBy("id").tail(2).map { $0[0] } == [399, 400])
        #expect(try orders.orderBy("id").show(3).hasSuffix("(3 rows)"))
        let pivoted = try session.table("orders").select("customer_id", "status", "amount")
            .pivot("status", valueColumn: "amount", values: ["paid", "cancelled"]).orderBy("customer_id").collect()
        #expect(pivoted.columns.map(\.name) == ["customer_id", "paid", "cancelled"])
        #expect(pivoted.rows.count == Set(try session.table("orders").select("customer_id").collect().rows).count)
        #expect(try session.table("customers").na.drop(subset: ["email"]).count() < 60)
        #expect(try session.table("customers").na.fill("?").where(col("email") == "?").count() > 0)
        #expect(try session.table("orders").groupBy("status").agg("amount").count() == 5)
        var streamed = 0
        try orders.stream { _ in streamed += 1 }
        #expect(streamed == 400)
    }

    // MARK: - Custom functions

    /// The window statistics stay exact on values far from 0 whose spread is small, skip NULLs, and start afresh
    /// when the frame empties (values of 1e9 + {0, 1, 2, 4}: the sum-of-squares formula cancels to 0 or garbage).
    @Test func sqliteMovingStatisticsAreExact() throws {
        let session = try Self.sqliteSession()
        let cursor = try session.connection.query(
            """
            SELECT moltres_window_var_samp(x) OVER (ORDER BY i ROWS BETWEEN 2 PRECEDING AND CURRENT ROW),
                   moltres_window_corr(x, i) OVER (ORDER BY i ROWS BETWEEN 2 PRECEDING AND CURRENT ROW),
                   moltres_window_stddev_samp(x) OVER (ORDER BY i ROWS BETWEEN CURRENT ROW AND CURRENT ROW)
            FROM (SELECT 1 AS i, 1e9 AS x UNION ALL SELECT 2, 1e9 + 1 UNION ALL SELECT 3, 1e9 + 2
                  UNION ALL SELECT 4, NULL UNION ALL SELECT 5, 1e9 + 4 UNION ALL SELECT 6, 1e9 + 6)
            ORDER BY i
            """, parameters: [])
        defer { cursor.close() }
        var rows: [[DatabaseValue]] = []
        while try cursor.next() { rows.append((0..<3).map { cursor.value(at: $0) }) }
        #expect(rows.map(\.[0]) == [.null, .real(0.5), .real(1), .real(0.5), .real(2), .real(2)])
        #expect(rows.map(\.[1]) == [.null, .real(1), .real(1), .real(1), .real(1), .real(1)])
        #expect(rows.allSatisfy { $0[2] == .null })
    }

    @Test func sqliteCustomFunctionsAgreeWithReferenceValues() throws {
        let session = try Self.sqliteSession()
        let frame = session.createDataFrame([["hello world"]], columns: ["s"]).select(
            F.md5(col("s")).alias("md5"), F.sha2(col("s"), numBits: 256).alias("sha256"),
            F.sha1(col("s")).alias("sha1"), F.base64(col("s")).alias("base64"), F.crc32(col("s")).alias("crc32"),
            F.lpad(col("s"), 13, pad: "ab").alias("lpad"), F.rpad(col("s"), 3).alias("rpad"),
            F.initcap(col("s")).alias("initcap"), F.regexp_extract(col("s"), "(o)r", idx: 1).alias("extract"),
            F.soundex(lit("Robert")).alias("soundex"), F.translate(col("s"), "lo", "01").alias("translate"))
        let row = try #require(try frame.first())
        #expect(
            row == [
                "5eb63bbbe01eeed093cb22bb8f5acdc3", "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9",
                "2aae6c35c94fcfb415dbe95f408b9ce91ee846ed", "aGVsbG8gd29ybGQ=", .integer(222_957_957), "abhello world",
                "hel", "Hello World", "o", "R163", "he001 w1r0d",
            ])
    }
}

/// The test PostgreSQL server of `scripts/with-postgres.sh` (`MOLTRES_TEST_POSTGRES_URL`), gated like the driver
/// tests: skipped without a server unless `MOLTRES_REQUIRE_POSTGRES=1`, which makes a missing server a failure.
enum PlanPostgres {
    static let url: String? = {
        let value = ProcessInfo.processInfo.environment["MOLTRES_TEST_POSTGRES_URL"]
        return value?.isEmpty == false ? value : nil
    }()

    static var shouldRun: Bool { url != nil || ProcessInfo.processInfo.environment["MOLTRES_REQUIRE_POSTGRES"] == "1" }

    struct MissingServer: Error, CustomStringConvertible {
        var description: String { "no PostgreSQL test server: run the tests through scripts/with-postgres.sh" }
    }

    /// A connection whose `search_path` is a fresh schema, so suites can run side by side.
    static func connectInFreshSchema() throws -> (any DatabaseConnection, String) {
        guard let url else { throw MissingServer() }
        let connection = try Database.open(url)
        let schema = "plan_\(UInt32.random(in: 0...UInt32.max))"
        try connection.execute("CREATE SCHEMA \(schema)")
        try connection.execute("SET search_path = \(schema)")
        return (connection, schema)
    }
}

extension DiagnosticCode {
    /// `MOL4001`/`MOL4002`: the dialect cannot express the call (the case is skipped on that database).
    var isDialectSupport: Bool { self == .unsupportedFunction || self == .unsupportedFeature }
}
