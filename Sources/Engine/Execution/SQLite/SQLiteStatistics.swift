import CSQLite

/// The sample statistics SQLite lacks, as aggregates computed with Welford's updates, which stay exact where the
/// sum-of-squares formula cancels (values of 1e9 + {0, 1, 2} have variance 1; the formula gives 0). Each keeps
/// its state in SQLite's aggregate memory, so a group costs no allocation.
///
/// Over a window, where rows also leave the frame, the `moltres_window_…` forms keep sums of the values' distances
/// from the first value of the frame (re-anchored whenever the frame empties): rows leave by subtraction, and the
/// anchor, close to the values, keeps the sum-of-squares formula from cancelling (1e9 + {0, 1, 2} still give 1).
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

    /// The SQL name of the window form (`moltres_window_var_samp(x) OVER (…)`).
    public var windowName: String { "moltres_window_" + name.dropFirst("moltres_".count) }

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
            let windowCode = sqlite3_create_window_function(
                handle, statistic.windowName, statistic.argumentCount, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                UnsafeMutableRawPointer(bitPattern: statistic.rawValue), movingStep, movingFinal, movingValue,
                movingInverse, nil)
            guard windowCode == SQLITE_OK else {
                throw DatabaseError(sqliteCode: windowCode, database: handle, sql: nil)
            }
        }
    }
}

/// Sums of the distances of a window frame's rows from an anchor (the first row since the frame was last empty).
private struct MovingState {
    var count: Double
    var anchorX: Double
    var anchorY: Double
    var sumX: Double
    var sumY: Double
    var squaresX: Double
    var squaresY: Double
    var products: Double

    mutating func add(_ x: Double, _ y: Double) {
        if count == 0 {
            self = MovingState(
                count: 0, anchorX: x, anchorY: y, sumX: 0, sumY: 0, squaresX: 0, squaresY: 0, products: 0)
        }
        update(x - anchorX, y - anchorY, sign: 1)
    }

    mutating func remove(_ x: Double, _ y: Double) { update(x - anchorX, y - anchorY, sign: -1) }

    private mutating func update(_ dx: Double, _ dy: Double, sign: Double) {
        count += sign
        sumX += sign * dx
        sumY += sign * dy
        squaresX += sign * dx * dx
        squaresY += sign * dy * dy
        products += sign * dx * dy
    }

    /// The statistic of the frame, or `nil` (SQL NULL) below two rows or, for the correlation, without spread.
    func result(_ statistic: SQLiteStatistic) -> Double? {
        guard count >= 2 else { return nil }
        let deviationsX = max(0, squaresX - sumX * sumX / count)
        switch statistic {
        case .sampleVariance: return deviationsX / (count - 1)
        case .sampleStandardDeviation: return (deviationsX / (count - 1)).squareRoot()
        case .sampleCovariance: return (products - sumX * sumY / count) / (count - 1)
        case .correlation:
            let spread = (deviationsX * max(0, squaresY - sumY * sumY / count)).squareRoot()
            return spread > 0 ? (products - sumX * sumY / count) / spread : nil
        }
    }
}

/// The frame's state, or `nil` when a row has a NULL argument (such rows take no part, as in the aggregates).
private func movingRow(
    _ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?
) -> (state: UnsafeMutablePointer<MovingState>, x: Double, y: Double)? {
    guard let arguments, count >= 1, sqlite3_value_type(arguments[0]) != SQLITE_NULL else { return nil }
    var y = 0.0
    if count >= 2 {
        guard sqlite3_value_type(arguments[1]) != SQLITE_NULL else { return nil }
        y = sqlite3_value_double(arguments[1])
    }
    guard let memory = sqlite3_aggregate_context(context, Int32(MemoryLayout<MovingState>.size)) else {
        sqlite3_result_error_nomem(context)
        return nil
    }
    return (memory.assumingMemoryBound(to: MovingState.self), sqlite3_value_double(arguments[0]), y)
}

private func movingStep(_ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?) {
    guard let row = movingRow(context, count, arguments) else { return }
    row.state.pointee.add(row.x, row.y)
}

private func movingInverse(
    _ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard let row = movingRow(context, count, arguments) else { return }
    row.state.pointee.remove(row.x, row.y)
}

private func movingValue(_ context: OpaquePointer?) {
    let statistic = SQLiteStatistic(rawValue: Int(bitPattern: sqlite3_user_data(context))) ?? .sampleVariance
    if let memory = sqlite3_aggregate_context(context, 0),
        let value = memory.assumingMemoryBound(to: MovingState.self).pointee.result(statistic)
    {
        sqlite3_result_double(context, value)
    } else {
        sqlite3_result_null(context)
    }
}

private func movingFinal(_ context: OpaquePointer?) { movingValue(context) }

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
