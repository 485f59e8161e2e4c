import Foundation
import Testing

@testable import Moltres

extension SQLiteTests {
    @Suite struct Statements {
        @Test func executeReturnsChangedRowsOnlyForChanges() throws {
            let connection = try openMemoryDatabase()
            #expect(try connection.execute("CREATE TABLE t(x INTEGER)") == 0)
            #expect(try connection.executeScript("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2), (3);") == 3)
            #expect(try connection.execute("UPDATE t SET x = x + 1 WHERE x >= ?", parameters: [2]) == 2)
            // A statement that changes nothing reports 0, not the previous statement's count.
            #expect(try connection.execute("SELECT * FROM t") == 0)
            #expect(try connection.execute("DELETE FROM t") == 3)
        }

        @Test func scriptsRunEveryStatement() throws {
            let connection = try openMemoryDatabase()
            try connection.execute(
                """
                -- a seed script
                CREATE TABLE a(x); /* comment */ INSERT INTO a VALUES (1);
                CREATE TABLE b(y); INSERT INTO b SELECT x + 1 FROM a;;
                """)
            #expect(try scalar(connection, "SELECT y FROM b") == .integer(2))
            let error = databaseError {
                try connection.executeScript("INSERT INTO a VALUES (5); INSERT INTO nope VALUES (1);")
            }
            #expect(error?.kind == .sql)
            #expect(error?.message.contains("no such table: nope") == true)
            // Statements before the failing one stay done.
            #expect(try scalar(connection, "SELECT count(*) FROM a") == .integer(2))
        }

        @Test func queriesAndParametersNeedASingleStatement() throws {
            let connection = try openMemoryDatabase()
            #expect(databaseError { _ = try connection.query("SELECT 1; SELECT 2", parameters: []) }?.kind == .misuse)
            #expect(databaseError { try connection.execute("SELECT ?; SELECT 2", parameters: [1]) }?.kind == .misuse)
            #expect(databaseError { try connection.execute("  -- nothing") }?.kind == .misuse)
        }

        @Test func describeCompilesWithoutRunning() throws {
            let connection = try openMemoryDatabase()
            try connection.execute("CREATE TABLE item(id INTEGER PRIMARY KEY, name VARCHAR(20), price REAL)")
            let columns = try connection.describe("SELECT id, name AS label, price * 2 FROM item")
            #expect(columns.map(\.name) == ["id", "label", "price * 2"])
            #expect(columns.map(\.declaredType) == ["INTEGER", "VARCHAR(20)", nil])
            #expect(columns.map(\.type) == [.integer, .text, .unknown])
            // Describing an INSERT does not run it.
            #expect(try connection.describe("INSERT INTO item(name) VALUES ('x')").isEmpty)
            #expect(try scalar(connection, "SELECT count(*) FROM item") == .integer(0))
            let error = databaseError { _ = try connection.describe("SELEC id FROM item") }
            #expect(error?.kind == .sql)
            #expect(error?.message.contains("syntax error") == true)
            #expect(error?.sql == "SELEC id FROM item")
            #expect(error?.sqliteCode == 1)
            #expect(
                databaseError { _ = try connection.describe("SELECT nope FROM item") }?.message
                    == "no such column: nope")
        }

        @Test func constraintErrorsCarryExtendedCodes() throws {
            let connection = try openMemoryDatabase()
            try connection.executeScript(
                """
                CREATE TABLE parent(id INTEGER PRIMARY KEY);
                CREATE TABLE child(id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id), name TEXT NOT NULL UNIQUE);
                INSERT INTO parent VALUES (1);
                INSERT INTO child VALUES (1, 1, 'a');
                """)
            // The last case needs foreign_keys, which every connection switches on.
            let cases: [(String, [DatabaseValue], Int32)] = [
                ("INSERT INTO child VALUES (2, 1, 'a')", [], 2067),  // SQLITE_CONSTRAINT_UNIQUE
                ("INSERT INTO child VALUES (2, 1, NULL)", [], 1299),  // SQLITE_CONSTRAINT_NOTNULL
                ("INSERT INTO child VALUES (1, 1, 'b')", [], 1555),  // SQLITE_CONSTRAINT_PRIMARYKEY
                ("INSERT INTO child VALUES (?, ?, 'c')", [2, 99], 787),  // SQLITE_CONSTRAINT_FOREIGNKEY
            ]
            for (sql, parameters, code) in cases {
                let error = databaseError { try connection.execute(sql, parameters: parameters) }
                #expect(error?.kind == .constraint, "\(sql)")
                #expect(error?.sqliteCode == code, "\(sql)")
                #expect(error?.sql == sql)
                #expect(error?.description.contains("constraint error:") == true)
            }
        }

        @Test func cachedStatementIsReused() throws {
            let connection = try openMemoryDatabase()
            let sql = "SELECT ? + 1"
            let first = try connection.cursor(sql, parameters: [1])
            let statement = first.statement
            #expect(try first.next())
            #expect(first.value(at: 0) == .integer(2))
            first.close()
            let second = try connection.cursor(sql, parameters: [41])
            #expect(second.statement === statement)
            #expect(try second.next())
            #expect(second.value(at: 0) == .integer(42))
            #expect(try !second.next())
            #expect(connection.statementCache.contains(sql))
        }

        @Test func statementInUseIsNotHandedOutTwice() throws {
            let connection = try openMemoryDatabase()
            let sql = "WITH RECURSIVE c(x) AS (SELECT ? UNION ALL SELECT x + 1 FROM c WHERE x < ?) SELECT x FROM c"
            let outer = try connection.cursor(sql, parameters: [1, 3])
            var pairs: [[DatabaseValue]] = []
            while try outer.next() {
                let value = outer.value(at: 0)
                let inner = try connection.cursor(sql, parameters: [10, 11])
                #expect(inner.statement !== outer.statement)
                while try inner.next() { pairs.append([value, inner.value(at: 0)]) }
                // The outer cursor still reads its own row after the inner one ran.
                #expect(outer.value(at: 0) == value)
            }
            #expect(pairs == [[1, 10], [1, 11], [2, 10], [2, 11], [3, 10], [3, 11]])
            #expect(connection.statementCache.count == 1)
        }

        @Test func cacheIsBoundedAndDropsTheLeastRecentlyUsed() throws {
            let connection = try openMemoryDatabase()
            let capacity = SQLiteConnection.statementCacheCapacity
            for number in 0..<(capacity + 10) {
                #expect(try scalar(connection, "SELECT \(number)") == .integer(Int64(number)))
                // Keep statement 0 recently used so it survives eviction.
                _ = try scalar(connection, "SELECT 0")
            }
            #expect(connection.statementCache.count == capacity)
            #expect(connection.statementCache.contains("SELECT 0"))
            #expect(!connection.statementCache.contains("SELECT 1"))
            #expect(connection.statementCache.contains("SELECT \(capacity + 9)"))
        }

        @Test func closedCursorReturnsNoRows() throws {
            let connection = try openMemoryDatabase()
            let cursor = try connection.query("SELECT 1 UNION ALL SELECT 2", parameters: [])
            #expect(try cursor.next())
            cursor.close()
            #expect(try !cursor.next())
            #expect(cursor.value(at: 0) == .null)
            #expect(cursor.columns.count == 1)
        }

        @Test func columnsFollowSchemaChanges() throws {
            let connection = try openMemoryDatabase()
            try connection.execute("CREATE TABLE t(a INTEGER)")
            try connection.execute("INSERT INTO t VALUES (1)")
            #expect(try connection.collect("SELECT * FROM t").columns.map(\.name) == ["a"])
            try connection.execute("ALTER TABLE t ADD COLUMN flag BOOLEAN DEFAULT 1")
            let result = try connection.collect("SELECT * FROM t")
            #expect(result.columns.map(\.name) == ["a", "flag"])
            #expect(result.rows == [[.integer(1), .boolean(true)]])
        }

        @Test func customFunctionRunsAndReportsErrors() throws {
            let connection = try openMemoryDatabase()
            try connection.registerFunction(name: "lpad", argumentCount: 3) { arguments in
                guard case .text(let text) = arguments[0], case .integer(let width) = arguments[1],
                    case .text(let fill) = arguments[2], let fillCharacter = fill.first
                else {
                    throw DatabaseError(kind: .sql, message: "lpad(text, width, fill) needs text, integer, text")
                }
                let padding = max(0, Int(width) - text.count)
                return .text(String(repeating: fillCharacter, count: padding) + text)
            }
            #expect(try scalar(connection, "SELECT lpad(?, 5, '0')", ["42"]) == .text("00042"))
            #expect(try scalar(connection, "SELECT lpad('toolong', 3, '0')") == .text("toolong"))
            let error = databaseError { _ = try scalar(connection, "SELECT lpad(1, 5, '0')") }
            #expect(error?.kind == .sql)
            #expect(error?.message == "lpad(text, width, fill) needs text, integer, text")
            // Wrong arity is caught when the statement is compiled.
            #expect(databaseError { _ = try connection.describe("SELECT lpad('a')") }?.kind == .sql)
        }

        @Test func customFunctionSeesEveryValueKindAndIsReleased() throws {
            final class Witness: Sendable {}
            weak var weakWitness: Witness?
            do {
                let connection = try openMemoryDatabase()
                let witness = Witness()
                weakWitness = witness
                try connection.registerFunction(name: "echo_kind", argumentCount: -1) { arguments in
                    _ = witness
                    return .text(arguments.map { "\($0)" }.joined(separator: ","))
                }
                let value = try scalar(connection, "SELECT echo_kind(NULL, 1, 2.5, 'x', x'00ff', x'')")
                #expect(value == .text("NULL,1,2.5,x,x'00ff',x''"))
                #expect(weakWitness != nil)
            }
            // Closing the connection runs SQLite's destructor callback, which releases the closure.
            #expect(weakWitness == nil)
        }
    }
}
