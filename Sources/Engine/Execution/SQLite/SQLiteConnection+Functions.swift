import CSQLite

extension SQLiteConnection {
    /// Registers a scalar SQL function implemented in Swift, replacing any function with the same name
    /// and argument count.
    ///
    /// The body receives the arguments copied out of SQLite's memory and returns the result;
    /// an error it throws fails the statement with that error's message.
    /// `argumentCount` is the number of arguments, or -1 for any number.
    /// Mark the function `deterministic` when the same arguments always give the same result,
    /// so SQLite may use it in indexes and factor it out of loops.
    ///
    /// ```swift
    /// try connection.registerFunction(name: "reverse", argumentCount: 1) { arguments in
    ///     guard case .text(let text) = arguments[0] else { return .null }
    ///     return .text(String(text.reversed()))
    /// }
    /// ```
    public func registerFunction(
        name: String, argumentCount: Int, deterministic: Bool = true,
        _ body: @escaping ([DatabaseValue]) throws -> DatabaseValue
    ) throws {
        guard (-1...127).contains(argumentCount) else {
            throw DatabaseError(kind: .misuse, message: "argument count \(argumentCount) is not from -1 to 127")
        }
        let box = Unmanaged.passRetained(SQLiteFunctionBox(body)).toOpaque()
        var flags = SQLITE_UTF8
        if deterministic { flags |= SQLITE_DETERMINISTIC }
        // "If sqlite3_create_function_v2() fails, the xDestroy callback is invoked on the application data"
        // (https://www.sqlite.org/c3ref/create_function.html), so the box is released on every path.
        let code = sqlite3_create_function_v2(
            handle, name, Int32(argumentCount), flags, box, sqliteCallFunction, nil, nil, sqliteDestroyFunction)
        guard code == SQLITE_OK else {
            throw DatabaseError(sqliteCode: code, database: handle, sql: nil)
        }
    }
}

/// Holds a registered function's Swift body for SQLite's `pApp` pointer; released by `xDestroy`.
private final class SQLiteFunctionBox {
    let body: ([DatabaseValue]) throws -> DatabaseValue

    init(_ body: @escaping ([DatabaseValue]) throws -> DatabaseValue) {
        self.body = body
    }
}

private func sqliteCallFunction(
    _ context: OpaquePointer?, _ argumentCount: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard let context, let userData = sqlite3_user_data(context) else { return }
    let box = Unmanaged<SQLiteFunctionBox>.fromOpaque(userData).takeUnretainedValue()
    var values: [DatabaseValue] = []
    values.reserveCapacity(Int(argumentCount))
    for index in 0..<Int(argumentCount) {
        values.append(sqliteValue(arguments?[index]))
    }
    do {
        switch try box.body(values) {
        case .null: sqlite3_result_null(context)
        case .integer(let integer): sqlite3_result_int64(context, integer)
        case .real(let real): sqlite3_result_double(context, real)
        case .boolean(let boolean): sqlite3_result_int64(context, boolean ? 1 : 0)
        case .text(let text):
            var text = text
            text.withUTF8 { utf8 in
                let pointer = UnsafeRawPointer(utf8.baseAddress ?? emptyFunctionText.utf8Start)
                sqlite3_result_text64(
                    context, pointer.assumingMemoryBound(to: CChar.self), UInt64(utf8.count),
                    moltres_sqlite_transient(), UInt8(SQLITE_UTF8))
            }
        case .blob(let bytes):
            if bytes.isEmpty {
                sqlite3_result_zeroblob(context, 0)
            } else {
                bytes.withUnsafeBytes { raw in
                    sqlite3_result_blob64(context, raw.baseAddress, UInt64(raw.count), moltres_sqlite_transient())
                }
            }
        }
    } catch let error as DatabaseError {
        sqlite3_result_error(context, error.message, -1)
    } catch {
        sqlite3_result_error(context, String(describing: error), -1)
    }
}

private let emptyFunctionText: StaticString = ""

private func sqliteDestroyFunction(_ userData: UnsafeMutableRawPointer?) {
    guard let userData else { return }
    Unmanaged<SQLiteFunctionBox>.fromOpaque(userData).release()
}

/// Copies a function argument out of SQLite's memory.
private func sqliteValue(_ value: OpaquePointer?) -> DatabaseValue {
    guard let value else { return .null }
    return DatabaseValue(sqliteValue: value, isBoolean: false)
}
