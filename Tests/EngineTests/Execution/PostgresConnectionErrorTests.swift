import Foundation
import Testing

@testable import Moltres

/// Connection failures give clear errors, never a password, and never crash.
@Suite(.enabled(if: PostgresTestServer.shouldRun)) struct PostgresConnectionErrorTests {
    private func socketURL(user: String, password: String?, directory: String? = nil) throws -> String {
        _ = try PostgresTestServer.requireURL()
        let directory = directory ?? PostgresTestServer.socketDirectory!
        let credentials = password.map { "\(user):\($0)" } ?? user
        return "postgresql://\(credentials)@/moltres_test?host=\(directory)&port=\(PostgresTestServer.port!)"
    }

    @Test func wrongPasswordIsAnAuthenticationError() throws {
        let url = try socketURL(user: PostgresTestServer.passwordRole, password: "hunter2-wrong")
        let error = #expect(throws: DatabaseError.self) { try Database.open(url) }
        #expect(error?.kind == .authentication)
        #expect(error?.message.contains("password authentication failed") == true)
        #expect(error?.description.contains("hunter2-wrong") == false)
        #expect(error?.description.contains("***") == true)
    }

    @Test func rightPasswordConnects() throws {
        let url = try socketURL(
            user: PostgresTestServer.passwordRole, password: PostgresTestServer.passwordRolePassword)
        let connection = try Database.open(url)
        #expect(try connection.collect("SELECT current_user").rows == [["moltres_pw"]])
        #expect(!connection.url.description.contains(PostgresTestServer.passwordRolePassword))
    }

    @Test func missingPasswordIsAnAuthenticationError() throws {
        let url = try socketURL(user: PostgresTestServer.passwordRole, password: nil)
        let error = #expect(throws: DatabaseError.self) {
            try PostgresConnection(url: ConnectionURL(url + "&passfile=/nonexistent"))
        }
        #expect(error?.kind == .authentication)
    }

    @Test func noServerAtTheSocketIsAConnectionError() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("moltres-nopg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let url = try socketURL(user: "postgres", password: "s3cret-never-shown", directory: empty.path)
        let error = #expect(throws: DatabaseError.self) { try Database.open(url) }
        #expect(error?.kind == .connection)
        #expect(error?.message.contains("No such file or directory") == true)
        #expect(error?.description.contains("s3cret-never-shown") == false)
    }

    @Test func unknownDatabaseIsAConnectionError() throws {
        _ = try PostgresTestServer.requireURL()
        let url =
            "postgresql://postgres@/no_such_db?host=\(PostgresTestServer.socketDirectory!)&port=\(PostgresTestServer.port!)"
        let error = #expect(throws: DatabaseError.self) { try Database.open(url) }
        #expect(error?.kind == .connection)
        #expect(error?.message.contains("no_such_db") == true)
    }

    @Test(arguments: [
        ("postgresql://u:hunter2@/db?host=/tmp&port=abc", DatabaseError.Kind.invalidURL),
        ("postgresql://u:hunter2@/db?host=/tmp&bogus_option=1", .invalidURL),
        ("postgresql://u:hunter2@/db?host=/tmp&sslmode=sometimes", .invalidURL),
        ("postgresq://u:hunter2@/db", .invalidURL),
    ])
    func badURLsAreClear(url: String, kind: DatabaseError.Kind) throws {
        _ = try PostgresTestServer.requireURL()
        let error = #expect(throws: DatabaseError.self) { try Database.open(url) }
        #expect(error?.kind == kind)
        #expect(error?.description.contains("hunter2") == false)
        #expect(error?.message.isEmpty == false)
    }
}
