import Foundation
import Testing

@testable import Moltres

/// The PostgreSQL server the tests run against, started by `scripts/with-postgres.sh`.
///
/// Tests that need it use `@Test(.enabled(if: PostgresTestServer.shouldRun))` and call ``requireURL()``:
/// without a server they are skipped, unless `MOLTRES_REQUIRE_POSTGRES=1` (set by the README's test
/// command), in which case they fail with a message saying how to start one.
enum PostgresTestServer {
    /// The server's URL, from `MOLTRES_TEST_POSTGRES_URL`.
    static let url: String? = {
        let value = ProcessInfo.processInfo.environment["MOLTRES_TEST_POSTGRES_URL"]
        return value?.isEmpty == false ? value : nil
    }()

    /// Whether a server is required (`MOLTRES_REQUIRE_POSTGRES=1`), so a missing one is a failure.
    static let isRequired = ProcessInfo.processInfo.environment["MOLTRES_REQUIRE_POSTGRES"] == "1"

    /// Whether PostgreSQL tests run at all.
    static var shouldRun: Bool { url != nil || isRequired }

    /// The socket directory and port of the server, for building other URLs.
    static var socketDirectory: String? { ProcessInfo.processInfo.environment["MOLTRES_TEST_POSTGRES_DIR"] }
    static var port: String? { ProcessInfo.processInfo.environment["MOLTRES_TEST_POSTGRES_PORT"] }

    /// The role that must authenticate with a password, and that password (see `scripts/with-postgres.sh`).
    static let passwordRole = "moltres_pw"
    static let passwordRolePassword = "moltres-secret-pw"

    /// The URL, or a failure explaining how to start a server.
    static func requireURL() throws -> String {
        guard let url else {
            throw MissingServer()
        }
        return url
    }

    /// Opens a connection to the test database.
    static func connect(readOnly: Bool = false) throws -> PostgresConnection {
        try PostgresConnection(url: ConnectionURL(requireURL()), readOnly: readOnly)
    }

    /// Opens a connection whose `search_path` starts with a fresh schema, dropped by the returned cleanup.
    ///
    /// Each suite works in its own schema, so suites can run in parallel.
    static func connectInFreshSchema(_ prefix: String) throws -> (PostgresConnection, schema: String) {
        let connection = try connect()
        let schema = "\(prefix)_\(UInt32.random(in: 0...UInt32.max))"
        try connection.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE; CREATE SCHEMA \(schema)")
        try connection.execute("SET search_path = \(schema)")
        return (connection, schema)
    }

    /// Drops a schema made by ``connectInFreshSchema(_:)``.
    static func dropSchema(_ schema: String, on connection: PostgresConnection) {
        _ = try? connection.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE")
    }

    struct MissingServer: Error, CustomStringConvertible {
        var description: String {
            "MOLTRES_REQUIRE_POSTGRES=1 but MOLTRES_TEST_POSTGRES_URL is not set; run the tests through "
                + "scripts/with-postgres.sh (for example: scripts/with-postgres.sh swift test --filter Postgres)"
        }
    }
}
