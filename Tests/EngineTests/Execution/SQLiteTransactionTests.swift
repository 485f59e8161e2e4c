import Foundation
import Testing

@testable import Moltres

extension SQLiteTests {
    @Suite struct Transactions {
        func makeItems() throws -> SQLiteConnection {
            let connection = try openMemoryDatabase()
            try connection.execute("CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT UNIQUE)")
            return connection
        }

        func names(_ connection: SQLiteConnection) throws -> [DatabaseValue] {
            try connection.collect("SELECT name FROM item ORDER BY id").rows.map { $0[0] }
        }

        @Test func rollbackOnErrorLeavesNothing() throws {
            let connection = try makeItems()
            let error = databaseError {
                _ = try connection.transaction {
                    try connection.execute("INSERT INTO item(name) VALUES ('a')")
                    try connection.execute("INSERT INTO item(name) VALUES ('b')")
                    try connection.execute("INSERT INTO item(name) VALUES ('a')")
                }
            }
            #expect(error?.kind == .constraint)
            #expect(try names(connection).isEmpty)
            #expect(!connection.isInTransaction)
        }

        @Test func commitKeepsWork() throws {
            let connection = try makeItems()
            try connection.beginTransaction(readOnly: false)
            #expect(connection.isInTransaction)
            try connection.execute("INSERT INTO item(name) VALUES ('a')")
            try connection.commit()
            #expect(!connection.isInTransaction)
            #expect(try names(connection) == ["a"])
        }

        @Test func rollbackToSavepointKeepsEarlierWork() throws {
            let connection = try makeItems()
            try connection.beginTransaction(readOnly: false)
            try connection.execute("INSERT INTO item(name) VALUES ('kept')")
            // Names are quoted, so spaces, quotes and keywords work.
            let name = "step \"1\" select"
            try connection.savepoint(name)
            try connection.execute("INSERT INTO item(name) VALUES ('undone')")
            try connection.rollback(toSavepoint: name)
            try connection.execute("INSERT INTO item(name) VALUES ('after')")
            try connection.releaseSavepoint(name)
            #expect(connection.isInTransaction)
            try connection.commit()
            #expect(try names(connection) == ["kept", "after"])
        }

        @Test func nestedTransactionHelperUsesSavepoints() throws {
            let connection = try makeItems()
            struct Abort: Error {}
            _ = try connection.transaction {
                try connection.execute("INSERT INTO item(name) VALUES ('outer')")
                #expect(throws: Abort.self) {
                    _ = try connection.transaction {
                        try connection.execute("INSERT INTO item(name) VALUES ('inner')")
                        throw Abort()
                    }
                }
                _ = try connection.transaction {
                    try connection.execute("INSERT INTO item(name) VALUES ('inner kept')")
                }
                #expect(connection.isInTransaction)
            }
            #expect(!connection.isInTransaction)
            #expect(try names(connection) == ["outer", "inner kept"])
        }

        @Test func explicitRollbackDiscardsWork() throws {
            let connection = try makeItems()
            try connection.beginTransaction(readOnly: false)
            try connection.execute("INSERT INTO item(name) VALUES ('a')")
            try connection.rollback()
            #expect(try names(connection).isEmpty)
            #expect(databaseError { try connection.commit() }?.message.contains("no transaction is active") == true)
        }
    }
}
