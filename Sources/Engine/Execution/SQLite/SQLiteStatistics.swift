import CSQLite

/// The sample statistics SQLite lacks, as aggregates computed with Welford's updates, which stay exact where the
/// sum-of-squares formula cancels (values of 1e9 + {0, 1, 2} have variance 1; the formula gives 0). Each keeps
/// its state in SQLite's aggregate memory, so a group costs no allocation.
///
/// They are aggregates, not window functions: removing a row from a moving frame by reversing the update loses
/// the precision the updates keep, so over a window the SQLite dialect writes these statistics in SQL instead.
public enum SQLiteStatistic: Int, Sendable, CaseIterable {
    /// `moltres_var_samp(x)`.
    case sampleVariance = 1
    /// `moltres_stddev_samp(x)`.
    case sampleStandardDeviation
    /// `moltres_covar_samp(x, y)`.
    case sampleCovariance
    /// `moltres_corr(x, y)`.
    case correlation

    /// The SQL name.
    public var name: String {
        switch self {
        case .sampleVariance: "moltres_var_samp"
        case .sampleStandardDeviation: "moltres_stddev_samp"
        case .sampleCovariance: "moltres_covar_samp"
        case .correlation: "moltres_corr"
        }
    }

    /// The number of arguments.
    var argumentCount: Int32 { self == .sampleVariance || self == .sampleStandardDeviation ? 1 : 2 }
}

extension SQLiteConnection {
    /// Registers every ``SQLiteStatistic`` on this connection.
    public func registerStatistics() throws {
        for statistic in SQLiteStatistic.allCases {
            // The statistic travels as the function's user data: a small integer, not a pointer to memory.
            let code = sqlite3_create_function_v2(
                handle, statistic.name, statistic.argumentCount, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                UnsafeMutableRawPointer(bitPattern: statistic.rawValue), nil, statisticStep, statisticFinal, nil)
            guard code == SQLITE_OK else { throw DatabaseError(sqliteCode: code, database: handle, sql: nil) }
        }
    }
}

/// Running moments of the rows without a NULL argument.
private struct StatisticState {
    var count: Double
    var meanX: Double
    var meanY: Double
    var squaresX: Double
    var squaresY: Double
    var coMoment: Double

    mutating func add(_ x: Double, _ y: Double) {
        count += 1
        let deltaX = x - meanX
        meanX += deltaX / count
        let deltaY = y - meanY
        meanY += deltaY / count
        squaresX += deltaX * (x - meanX)
        squaresY += deltaY * (y - meanY)
        coMoment += deltaX * (y - meanY)
    }

    /// The statistic, or `nil` (SQL NULL) below two rows or, for the correlation, without spread.
    func result(_ statistic: SQLiteStatistic) -> Double? {
        guard count >= 2 else { return nil }
        switch statistic {
        case .sampleVariance: return squaresX / (count - 1)
        case .sampleStandardDeviation: return (squaresX / (count - 1)).squareRoot()
        case .sampleCovariance: return coMoment / (count - 1)
        case .correlation:
            let spread = (squaresX * squaresY).squareRoot()
            return spread > 0 ? coMoment / spread : nil
        }
    }
}

private func statisticStep(
    _ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard let arguments, count >= 1, sqlite3_value_type(arguments[0]) != SQLITE_NULL else { return }
    var y = 0.0
    if count >= 2 {
        guard sqlite3_value_type(arguments[1]) != SQLITE_NULL else { return }
        y = sqlite3_value_double(arguments[1])
    }
    // Zeroed on first use, which is the empty state.
    guard let memory = sqlite3_aggregate_context(context, Int32(MemoryLayout<StatisticState>.size)) else {
        return sqlite3_result_error_nomem(context)
    }
    memory.assumingMemoryBound(to: StatisticState.self).pointee.add(sqlite3_value_double(arguments[0]), y)
}

private func statisticFinal(_ context: OpaquePointer?) {
    let statistic = SQLiteStatistic(rawValue: Int(bitPattern: sqlite3_user_data(context))) ?? .sampleVariance
    // Size 0: no memory is allocated for a group that had no row.
    if let memory = sqlite3_aggregate_context(context, 0),
        let value = memory.assumingMemoryBound(to: StatisticState.self).pointee.result(statistic)
    {
        sqlite3_result_double(context, value)
    } else {
        sqlite3_result_null(context)
    }
}
