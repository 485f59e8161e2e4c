import Foundation
import Testing

@testable import Moltres

extension SQLiteTests {
    /// Read-only modes and opening errors, on real files in a temporary directory.
    @Suite struct Access {
        /// Creates a database file with one table and one row.
        func makeDatabaseFile(in directory: TemporaryDirectory) throws -> String {
            let path = directory.path("shop.db")
            let connection = try SQLiteConnection(url: ConnectionURL("sqlite:///" + path))
            try connection.executeScript(
                "CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO item(name) VALUES ('pen');")
            return path
        }

        func expectWritesRefused(
            _ connection: some DatabaseConnection, sourceLocation: SourceLocation = #_sourceLocation
        ) throws {
            let error = databaseError(
                { try connection.execute("INSERT INTO item(name) VALUES ('ink')") }, sourceLocation: sourceLocation)
            #expect(error?.kind == .readOnly, sourceLocation: sourceLocation)
            #expect(error?.sqliteCode.map { $0 & 0xFF } == 8, sourceLocation: sourceLocation)
            #expect(try scalar(connection, "SELECT count(*) FROM item") == .integer(1), sourceLocation: sourceLocation)
        }

        @Test func readOnlyConnectionRefusesWrites() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = try makeDatabaseFile(in: directory)
            let connection = try Database.open("sqlite:///" + path, readOnly: true)
            #expect(connection.isReadOnly)
            #expect(connection.kind == .sqlite)
            try expectWritesRefused(connection)
        }

        @Test func modeROURLRefusesWrites() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = try makeDatabaseFile(in: directory)
            let connection = try Database.open("sqlite:///\(path)?mode=ro")
            #expect(connection.isReadOnly)
            try expectWritesRefused(connection)
        }

        @Test func readOnlyTransactionRefusesWritesUntilItEnds() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let connection = try SQLiteConnection("sqlite:///" + makeDatabaseFile(in: directory))
            #expect(!connection.isReadOnly)
            try connection.beginTransaction(readOnly: true)
            try expectWritesRefused(connection)
            try connection.rollback()
            // query_only is switched back off after the transaction.
            #expect(try connection.execute("INSERT INTO item(name) VALUES ('ink')") == 1)
            let error = databaseError {
                _ = try connection.transaction(readOnly: true) {
                    try connection.execute("DELETE FROM item")
                }
            }
            #expect(error?.kind == .readOnly)
            #expect(try scalar(connection, "SELECT count(*) FROM item") == .integer(2))
            #expect(try scalar(connection, "PRAGMA query_only") == .integer(0))
        }

        @Test func missingFileInReadOnlyModeNamesThePath() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.path("missing.db")
            for open in [
                { try SQLiteConnection("sqlite:///\(path)?mode=ro") },
                { try SQLiteConnection("sqlite:///\(path)", readOnly: true) },
            ] {
                let error = databaseError { _ = try open() }
                #expect(error?.kind == .connection)
                #expect(error?.message.contains(path) == true)
                #expect(error?.message.contains("does not exist") == true)
            }
            #expect(!FileManager.default.fileExists(atPath: path))
        }

        @Test func directoryIsNotADatabase() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let error = databaseError { _ = try SQLiteConnection("sqlite:///" + directory.url.path) }
            #expect(error?.kind == .connection)
            #expect(error?.message.contains(directory.url.path) == true)
        }

        @Test func fileThatIsNotADatabaseFailsAtOpen() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.path("notes.txt")
            try Data(String(repeating: "these are not the pages you are looking for\n", count: 40).utf8).write(
                to: URL(fileURLWithPath: path))
            let error = databaseError { _ = try SQLiteConnection("sqlite:///" + path) }
            #expect(error?.kind == .connection)
            #expect(error?.sqliteCode == 26)  // SQLITE_NOTADB
            #expect(error?.message.contains(path) == true)
            #expect(error?.message.contains("file is not a database") == true)
        }

        @Test func badOptionsAreURLErrors() throws {
            #expect(databaseError { _ = try SQLiteConnection("sqlite:///:memory:?mode=banana") }?.kind == .invalidURL)
            #expect(databaseError { _ = try SQLiteConnection("sqlite:///:memory:?timeout=soon") }?.kind == .invalidURL)
            #expect(
                databaseError { _ = try SQLiteConnection(url: ConnectionURL("postgresql://h/db")) }?.kind == .invalidURL
            )
        }

        @Test func fileDatabaseIsCreatedAndKeepsData() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.path("new.db")
            do {
                let connection = try SQLiteConnection("sqlite:///\(path)?timeout=0.5")
                try connection.executeScript("CREATE TABLE t(x); INSERT INTO t VALUES ('kept');")
            }
            #expect(FileManager.default.fileExists(atPath: path))
            let reopened = try SQLiteConnection("sqlite:///\(path)?mode=rw")
            #expect(try scalar(reopened, "SELECT x FROM t") == .text("kept"))
            #expect(try scalar(reopened, "PRAGMA foreign_keys") == .integer(1))
        }

        @Test func lockedDatabaseIsBusy() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = try makeDatabaseFile(in: directory)
            let writer = try SQLiteConnection("sqlite:///" + path)
            let other = try SQLiteConnection("sqlite:///\(path)?timeout=0.05")
            try writer.execute("BEGIN IMMEDIATE")
            let error = databaseError { try other.execute("INSERT INTO item(name) VALUES ('ink')") }
            #expect(error?.kind == .busy)
            try writer.rollback()
            #expect(try other.execute("INSERT INTO item(name) VALUES ('ink')") == 1)
        }
    }
}
