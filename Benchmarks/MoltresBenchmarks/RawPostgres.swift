import CPostgres
import Foundation
import Moltres

/// The raw baseline of the PostgreSQL suites: libpq used directly, as a careful C client would, on rows of
/// (int8, float8, text, int8, text) read in text format (numbers converted, text by length).
final class RawPostgres {
    private let connection: OpaquePointer

    init(url: String) throws {
        connection = try rawPostgresConnect(url: url)
    }

    deinit {
        PQfinish(connection)
    }

    func prepare(name: String, sql: String) throws {
        var types: [Oid] = [20]
        let prepared = PQprepare(connection, name, sql, 1, &types)
        defer { PQclear(prepared) }
        guard PQresultStatus(prepared) == PGRES_COMMAND_OK else {
            throw BenchmarkError(String(cString: PQerrorMessage(connection)))
        }
    }

    /// One execution with a binary int8 parameter; reads all five values of each row.
    func pointQuery(name: String, id: Int64) throws -> Int {
        var parameter = id.bigEndian
        var length: Int32 = 8
        var format: Int32 = 1
        let result = withUnsafeBytes(of: &parameter) { bytes -> OpaquePointer? in
            var value: UnsafePointer<CChar>? = bytes.baseAddress!.assumingMemoryBound(to: CChar.self)
            return PQexecPrepared(connection, name, 1, &value, &length, &format, 0)
        }
        defer { PQclear(result) }
        return try sumOfRows(result)
    }

    /// Streams a query in single-row mode, converting numbers and reading text lengths.
    func stream(sql: String) throws -> Int {
        guard PQsendQueryParams(connection, sql, 0, nil, nil, nil, nil, 0) == 1 else {
            throw BenchmarkError(String(cString: PQerrorMessage(connection)))
        }
        PQsetSingleRowMode(connection)
        var sum = 0
        while let result = PQgetResult(connection) {
            defer { PQclear(result) }
            let status = PQresultStatus(result)
            if status == PGRES_FATAL_ERROR { throw BenchmarkError(String(cString: PQresultErrorMessage(result))) }
            guard status == PGRES_SINGLE_TUPLE else { continue }
            sum &+= Self.row(result, 0)
        }
        return sum
    }

    /// Runs a query into one `PGresult` (libpq holds every row, as a C client that collects would), reads every
    /// value, then frees it.
    func collect(sql: String) throws -> Int {
        let result = PQexecParams(connection, sql, 0, nil, nil, nil, nil, 0)
        defer { PQclear(result) }
        return try sumOfRows(result)
    }

    /// The checksum of every row of a finished query's result; throws the connection's error when it failed.
    private func sumOfRows(_ result: OpaquePointer?) throws -> Int {
        guard PQresultStatus(result) == PGRES_TUPLES_OK else {
            throw BenchmarkError(String(cString: PQerrorMessage(connection)))
        }
        var sum = 0
        for row in 0..<PQntuples(result) { sum &+= Self.row(result, row) }
        return sum
    }

    /// Streams a query through a server-side cursor in a transaction, `batch` rows per `FETCH`.
    func streamWithServerCursor(sql: String, batch: Int) throws -> Int {
        PQclear(PQexec(connection, "BEGIN"))
        PQclear(PQexec(connection, "DECLARE raw_cursor NO SCROLL CURSOR FOR " + sql))
        var sum = 0
        while true {
            guard let result = PQexec(connection, "FETCH \(batch) FROM raw_cursor") else { break }
            defer { PQclear(result) }
            guard PQresultStatus(result) == PGRES_TUPLES_OK else {
                throw BenchmarkError(String(cString: PQresultErrorMessage(result)))
            }
            let rows = PQntuples(result)
            if rows == 0 { break }
            for row in 0..<rows { sum &+= Self.row(result, row) }
        }
        PQclear(PQexec(connection, "COMMIT"))
        return sum
    }

    private static func row(_ result: OpaquePointer?, _ row: Int32) -> Int {
        var sum = Int(strtoll(PQgetvalue(result, row, 0), nil, 10))
        sum &+= Int(strtod(PQgetvalue(result, row, 1), nil))
        sum &+= Int(PQgetlength(result, row, 2))
        sum &+= Int(strtoll(PQgetvalue(result, row, 3), nil, 10))
        sum &+= Int(PQgetlength(result, row, 4))
        return sum
    }
}

/// Opens a libpq connection to the test server's URL directly (no Moltres driver), as the raw baselines do.
func rawPostgresConnect(url: String) throws -> OpaquePointer {
    let parsed = try ConnectionURL(url)
    var conninfo = "dbname='\(parsed.database ?? "")'"
    if let host = parsed.host { conninfo += " host='\(host)'" }
    if let port = parsed.port { conninfo += " port=\(port)" }
    if let user = parsed.user { conninfo += " user='\(user)'" }
    guard let connection = PQconnectdb(conninfo) else { throw BenchmarkError("PQconnectdb returned NULL") }
    guard PQstatus(connection) == CONNECTION_OK else {
        let message = String(cString: PQerrorMessage(connection))
        PQfinish(connection)
        throw BenchmarkError(message)
    }
    return connection
}
