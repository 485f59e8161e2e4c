import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes Content-Length framed messages to a file descriptor.
///
/// - Important: Thread-safe: each frame is written whole under a lock, so frames from different threads never
///   interleave. Partial writes are continued and `EINTR` is retried. The descriptor is not closed.
///   Writing to a closed pipe raises `SIGPIPE` unless the process ignores it (``JSONRPCConnection`` does).
public final class MessageWriter: @unchecked Sendable {
    /// The descriptor written to.
    public let fileDescriptor: Int32
    // The lock serialises whole frames; it is held only during `write(2)`.
    private let lock = NSLock()

    /// Creates a writer over `fileDescriptor`.
    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    /// The frame for `body`: `Content-Length: N\r\n\r\n` followed by the body.
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        var frame = Array("Content-Length: \(body.count)\r\n\r\n".utf8)
        frame.reserveCapacity(frame.count + body.count)
        frame.append(contentsOf: body)
        return frame
    }

    /// Writes one framed message.
    ///
    /// - Throws: ``WriteError`` when `write(2)` fails (for instance `EPIPE` after the peer closed).
    public func write(body: [UInt8]) throws {
        try writeRaw(Self.frame(body))
    }

    /// Writes a message.
    public func write(_ message: Message) throws {
        try write(body: message.encodedBytes())
    }

    /// Writes bytes as they are (for tests that need malformed frames).
    public func writeRaw(_ bytes: [UInt8]) throws {
        lock.lock()
        defer { lock.unlock() }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw WriteError(code: errno)
                }
                offset += written
            }
        }
    }
}

/// A write failed with `errno`.
public struct WriteError: Error, Sendable, Hashable {
    /// The `errno` value.
    public var code: Int32
}

private func systemWrite(_ fileDescriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        return Glibc.write(fileDescriptor, buffer, count)
    #else
        return Darwin.write(fileDescriptor, buffer, count)
    #endif
}
