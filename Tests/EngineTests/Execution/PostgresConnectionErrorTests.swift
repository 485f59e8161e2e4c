import CPostgres
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

    @Test func connectingGivesUpOnAServerThatNeverAnswers() throws {
        _ = try PostgresTestServer.requireURL()
        // A TCP port that accepts connections (the kernel's backlog) but never says a word.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(listener, generic, length) == 0 && listen(listener, 8) == 0
                    && getsockname(listener, generic, &length) == 0
            }
        }
        #expect(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let started = Date()
        let error = #expect(throws: DatabaseError.self) {
            try Database.open("postgresql://u:s3cret@127.0.0.1:\(port)/db?connect_timeout=2")
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(error?.kind == .connection)
        #expect(error?.message.contains("timeout") == true)
        #expect(error?.description.contains("s3cret") == false)
        #expect(elapsed < 6, "gave up after \(elapsed) s")
    }

    @Test func connectTimeoutHasADefault() throws {
        let connection = try PostgresConnection(url: ConnectionURL(try PostgresTestServer.requireURL()))
        var options: [String: String] = [:]
        if let info = PQconninfo(connection.handle) {
            var option = info
            while let keyword = option.pointee.keyword {
                if let value = option.pointee.val { options[String(cString: keyword)] = String(cString: value) }
                option += 1
            }
            PQconninfoFree(info)
        }
        // libpq reads PGCONNECT_TIMEOUT itself when it is set; otherwise the connection carries Moltres' default.
        let expected = getenv("PGCONNECT_TIMEOUT").map { String(cString: $0) }
        #expect(options["connect_timeout"] == expected ?? String(PostgresConnection.defaultConnectTimeoutSeconds))
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
