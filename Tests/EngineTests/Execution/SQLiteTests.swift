import Foundation
import Testing

@testable import Moltres

/// Every SQLite driver suite nests in here, so they run one at a time: the streaming test measures the
/// process's peak memory and the cancellation test measures latency, and neither should share the machine
/// with a 10 MB round trip.
@Suite(.serialized) enum SQLiteTests {}

/// A fresh directory under the system's temporary directory, removed by ``remove()``.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("moltres-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of a file inside the directory.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Opens a private in-memory database.
func openMemoryDatabase() throws -> SQLiteConnection {
    try SQLiteConnection("sqlite:///:memory:")
}

/// Runs `body` and returns the `DatabaseError` it throws, recording an issue when it throws nothing or something else.
func databaseError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> DatabaseError? {
    do {
        try body()
        Issue.record("expected a DatabaseError, but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as DatabaseError {
        return error
    } catch {
        Issue.record("expected a DatabaseError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// The first value of the first row of a query.
func scalar(
    _ connection: some DatabaseConnection, _ sql: String, _ parameters: [DatabaseValue] = []
) throws
    -> DatabaseValue?
{
    try connection.collect(sql, parameters: parameters).rows.first?.first
}
