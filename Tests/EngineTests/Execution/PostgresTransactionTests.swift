import Foundation
import Testing

@testable import Moltres

/// Transactions, savepoints and read-only mode.
@Suite(.enabled(if: PostgresTestServer.shouldRun)) struct PostgresTransactionTests {
    private func withTable(_ body: (PostgresConnection, String) throws -> Void) throws {
        let (connection, schema) = try PostgresTestServer.connectInFreshSchema("tx")
        defer { PostgresTestServer.dropSchema(schema, on: connection) }
        try connection.execute("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)")
        try body(connection, schema)
    }

    private func count(_ connection: PostgresConnection) throws -> DatabaseValue {
        try connection.collect("SELECT count(*) FROM items").rows[0][0]
    }

    @Test func rollbackOnErrorLeavesNothing() throws {
        try withTable { (connection: PostgresConnection, _: String) throws -> Void in
            #expect(throws: DatabaseError.self) {
                try connection.transaction {
                    try connection.execute("INSERT INTO items VALUES ($1, $2)", parameters: [1, "a"])
                    try connection.execute("INSERT INTO items VALUES ($1, $2)", parameters: [2, "b"])
                    _ = try connection.execute("INSERT INTO items VALUES ($1, $2)", parameters: [1, "duplicate"])
                }
            }
            #expect(!connection.isInTransaction)
            #expect(try count(connection) == .integer(0))
        }
    }

    @Test func commitKeepsAndRollbackDiscards() throws {
        try withTable { connection, _ in
            try connection.beginTransaction(readOnly: false)
            #expect(connection.isInTransaction)
            try connection.execute("INSERT INTO items VALUES (1, 'kept')")
            try connection.commit()
            #expect(!connection.isInTransaction)
            try connection.beginTransaction(readOnly: false)
            try connection.execute("INSERT INTO items VALUES (2, 'dropped')")
            try connection.rollback()
            #expect(try connection.collect("SELECT name FROM items").rows == [["kept"]])
        }
    }

    @Test func commitAfterAFailedStatementThrows() throws {
        try withTable { connection, _ in
            try connection.beginTransaction(readOnly: false)
            try connection.execute("INSERT INTO items VALUES (1, 'a')")
            _ = try? connection.execute("INSERT INTO items VALUES (1, 'again')")
            let error = #expect(throws: DatabaseError.self) { try connection.commit() }
            #expect(error?.sqlState == "25P02")
            #expect(!connection.isInTransaction)
            #expect(try count(connection) == .integer(0))
        }
    }

    @Test func savepoints() throws {
        try withTable { connection, _ in
            try connection.beginTransaction(readOnly: false)
            try connection.execute("INSERT INTO items VALUES (1, 'one')")
            try connection.savepoint("before two \"quoted\"")
            try connection.execute("INSERT INTO items VALUES (2, 'two')")
            try connection.rollback(toSavepoint: "before two \"quoted\"")
            try connection.execute("INSERT INTO items VALUES (3, 'three')")
            try connection.savepoint("s2")
            try connection.execute("INSERT INTO items VALUES (4, 'four')")
            try connection.releaseSavepoint("s2")
            try connection.commit()
            #expect(try connection.collect("SELECT id FROM items ORDER BY id").rows == [[1], [3], [4]])
            let error = #expect(throws: DatabaseError.self) { try connection.savepoint("outside") }
            #expect(error?.sqlState == "25P01")
        }
    }

    @Test func nestedTransactionsUseSavepoints() throws {
        try withTable { connection, _ in
            try connection.transaction {
                try connection.execute("INSERT INTO items VALUES (1, 'outer')")
                #expect(throws: DatabaseError.self) {
                    try connection.transaction {
                        try connection.execute("INSERT INTO items VALUES (2, 'inner')")
                        _ = try connection.execute("INSERT INTO items VALUES (2, 'inner again')")
                    }
                }
                try connection.transaction {
                    _ = try connection.execute("INSERT INTO items VALUES (3, 'inner kept')")
                }
            }
            #expect(try connection.collect("SELECT id FROM items ORDER BY id").rows == [[1], [3]])
        }
    }

    @Test func readOnlyConnectionRefusesWrites() throws {
        try withTable { _, schema in
            let readOnly = try PostgresTestServer.connect(readOnly: true)
            #expect(readOnly.isReadOnly)
            let error = #expect(throws: DatabaseError.self) {
                try readOnly.execute("INSERT INTO \(schema).items VALUES ($1, 'x')", parameters: [1])
            }
            #expect(error?.kind == .readOnly)
            #expect(error?.sqlState == "25006")
            #expect(try readOnly.collect("SELECT count(*) FROM \(schema).items").rows == [[0]])
            // Even a transaction opened without READ ONLY stays read-only.
            try readOnly.beginTransaction(readOnly: false)
            #expect(throws: DatabaseError.self) { try readOnly.execute("CREATE TABLE \(schema).nope (id int)") }
            try readOnly.rollback()
        }
    }

    @Test func readOnlyTransactionRefusesWrites() throws {
        try withTable { connection, _ in
            let error = #expect(throws: DatabaseError.self) {
                try connection.transaction(readOnly: true) {
                    _ = try connection.execute("DELETE FROM items")
                }
            }
            #expect(error?.kind == .readOnly)
            #expect(!connection.isInTransaction)
            try connection.execute("INSERT INTO items VALUES (1, 'writable again')")
            #expect(try count(connection) == .integer(1))
        }
    }

    @Test func openedThroughDatabaseOpen() throws {
        let connection = try Database.open(try PostgresTestServer.requireURL())
        #expect(connection.kind == .postgresql)
        #expect(connection is PostgresConnection)
        #expect(try connection.collect("SELECT 'hi'").rows == [["hi"]])
    }
}
