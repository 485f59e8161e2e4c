import Foundation

/// A value guarded by an `NSLock`; the building block for this module's `@unchecked Sendable` classes.
///
/// - Important: All access goes through ``withLock(_:)``; never hold the lock while calling out to user code.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
