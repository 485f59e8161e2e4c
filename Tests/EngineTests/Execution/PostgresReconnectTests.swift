import Foundation
import Testing

@testable import Moltres

/// A connection whose server session ends (terminated backend, protocol error) fails the statement that meets
/// the loss with a clear `.connection` error and reconnects for the next one.
@Suite(.serialized, .enabled(if: PostgresTestServer.shouldRun)) struct PostgresReconnectTests {
    private func backendPID(_ connection: PostgresConnection) throws -> DatabaseValue {
        try connection.collect("SELECT pg_backend_pid()").rows[0][0]
    }

    /// Ends `connection`'s server session from a second connection and waits until it is gone.
    private func terminate(_ connection: PostgresConnection) throws {
        let pid = try backendPID(connection)
        let killer = try PostgresTestServer.connect()
        let result = try killer.collect("SELECT pg_terminate_backend($1::int, 5000)", parameters: [pid])
        #expect(result.rows == [[.boolean(true)]])
    }

    @Test func terminatedSessionFailsClearlyAndTheNextStatementReconnects() throws {
        let connection = try PostgresTestServer.connect()
        let sql = "SELECT $1::int * 2"
        #expect(try connection.collect(sql, parameters: [21]).rows == [[42]])
        let before = try backendPID(connection)
        try terminate(connection)

        let error = try #require(throws: DatabaseError.self) { try connection.collect(sql, parameters: [1]) }
        #expect(error.kind == .connection)
        #expect(error.message.contains("connection to the server was lost"))

        // The same SQL again: the statement cache was emptied, so it is prepared on the new session.
        #expect(try connection.collect(sql, parameters: [4]).rows == [[8]])
        #expect(try backendPID(connection) != before)
        #expect(connection.reconnectCount == 1)
        #expect(connection.isInTransaction == false)
    }

    @Test func terminatedSessionInsideATransactionRollsBackAndReportsIt() throws {
        let connection = try PostgresTestServer.connect()
        let table = "reconnect_\(UInt32.random(in: 0...UInt32.max))"
        try connection.execute("CREATE TABLE \(table) (id int)")
        defer { _ = try? connection.execute("DROP TABLE \(table)") }
        try connection.beginTransaction(readOnly: false)
        try connection.execute("INSERT INTO \(table) VALUES ($1)", parameters: [1])
        try terminate(connection)
        let error = try #require(throws: DatabaseError.self) {
            try connection.execute("INSERT INTO \(table) VALUES ($1)", parameters: [2])
        }
        #expect(error.kind == .connection)
        #expect(error.message.contains("transaction was rolled back"))
        #expect(connection.isInTransaction == false)
        #expect(try connection.collect("SELECT count(*) FROM \(table)").rows == [[.integer(0)]])
    }

    @Test func terminatedSessionWhileStreamingFailsFromNext() throws {
        let connection = try PostgresTestServer.connect()
        let killer = try PostgresTestServer.connect()
        let pid = try backendPID(connection)
        // The rows before the sleep fill the server's send buffer, so the first ones arrive while it sleeps.
        let cursor = try connection.query(
            "SELECT g, repeat('x', 1000), pg_sleep(CASE WHEN g = 100 THEN 5 ELSE 0 END)"
                + " FROM generate_series(1, 200) AS g", parameters: [])
        #expect(try cursor.next())
        _ = try killer.collect("SELECT pg_terminate_backend($1::int, 5000)", parameters: [pid])
        var rows = 1
        let error = try #require(throws: DatabaseError.self) {
            while try cursor.next() { rows += 1 }
        }
        #expect(rows < 200)
        #expect(error.kind == .connection)
        cursor.close()
        #expect(try connection.collect("SELECT 7").rows == [[.integer(7)]])
    }

    @Test func cancellerFollowsTheNewSession() throws {
        let connection = try PostgresTestServer.connect()
        let canceller = connection.makeCanceller()
        try terminate(connection)
        #expect(throws: DatabaseError.self) { try connection.collect("SELECT 1") }
        let start = ContinuousClock.now
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { canceller.cancel() }
        let error = try #require(throws: DatabaseError.self) { try connection.execute("SELECT pg_sleep(10)") }
        #expect(error.kind == .cancelled)
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test func statementsWithTooManyParametersAreRefusedWithoutLosingTheConnection() throws {
        let connection = try PostgresTestServer.connect()
        let limit = PostgresConnection.maximumDescribableParameters
        try connection.beginTransaction(readOnly: false)
        try connection.execute("CREATE TEMP TABLE kept (id int)")
        for count in [7_000, limit, limit + 1, 20_000] where count <= 65_535 {
            let sql = "SELECT array_length(ARRAY[" + (1...count).map { "$\($0)::int" }.joined(separator: ", ") + "], 1)"
            let parameters = (1...count).map { DatabaseValue.integer(Int64($0)) }
            if count <= limit {
                #expect(try connection.collect(sql, parameters: parameters).rows == [[.integer(Int64(count))]])
            } else {
                let error = try #require(throws: DatabaseError.self) {
                    try connection.collect(sql, parameters: parameters)
                }
                #expect(error.kind == .misuse)
                #expect(error.message.contains("split it into smaller statements"))
            }
        }
        // The session and its transaction survived.
        #expect(connection.reconnectCount == 0)
        #expect(connection.isInTransaction)
        #expect(try connection.collect("SELECT count(*) FROM kept").rows == [[.integer(0)]])
        try connection.rollback()
    }
}
