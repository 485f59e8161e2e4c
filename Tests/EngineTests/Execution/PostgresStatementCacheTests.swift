import Foundation
import Testing

@testable import Moltres

/// The prepared-statement cache: reuse, eviction, and recovery when the server forgets statements.
@Suite(.enabled(if: PostgresTestServer.shouldRun)) struct PostgresStatementCacheTests {
    private func preparedCount(_ connection: PostgresConnection) throws -> DatabaseValue {
        try connection.collect("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'moltres_%'").rows[0][0]
    }

    @Test func statementsAreReusedAndEvictedOnesDeallocated() throws {
        let connection = try PostgresConnection(
            url: ConnectionURL(try PostgresTestServer.requireURL()), statementCacheCapacity: 3)
        for round in 0..<3 {
            for value in 0..<5 {
                let result = try connection.collect("SELECT $1::int + \(value)", parameters: [.integer(Int64(round))])
                #expect(result.rows == [[.integer(Int64(round + value))]])
            }
        }
        #expect(connection.statementCache.count == 3)
        // The count query itself is one of the three; evicted statements were deallocated.
        #expect(try preparedCount(connection) == .integer(3))
    }

    @Test func sameSQLWithDifferentParameterTypesIsPreparedSeparately() throws {
        let connection = try PostgresTestServer.connect()
        #expect(try connection.collect("SELECT $1", parameters: [1]).rows == [[1]])
        #expect(try connection.collect("SELECT $1", parameters: ["one"]).rows == [["one"]])
        #expect(try connection.collect("SELECT $1", parameters: [1.5]).rows == [[1.5]])
        #expect(connection.statementCache.count == 3)
    }

    @Test func recoversAfterTheServerForgetsStatements() throws {
        let connection = try PostgresTestServer.connect()
        #expect(try connection.collect("SELECT $1::int * 2", parameters: [21]).rows == [[42]])
        try connection.execute("DEALLOCATE ALL")
        #expect(try connection.collect("SELECT $1::int * 2", parameters: [4]).rows == [[8]])
    }

    @Test func recoversWhenATableChangesShape() throws {
        let connection = try PostgresTestServer.connect()
        try connection.execute("CREATE TEMP TABLE shape (a int)")
        try connection.execute("INSERT INTO shape VALUES (1)")
        #expect(try connection.collect("SELECT * FROM shape").rows == [[1]])
        try connection.execute("ALTER TABLE shape ADD COLUMN b text DEFAULT 'x'")
        let result = try connection.collect("SELECT * FROM shape")
        #expect(result.rows == [[1, "x"]])
        #expect(result.columns.map(\.name) == ["a", "b"])
    }
}
