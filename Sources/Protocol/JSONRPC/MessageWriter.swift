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
    /// The capacity of the pipe written to, or `nil` when the descriptor is not a pipe.
    private let pipeCapacity: Int?

    /// Creates a writer over `fileDescriptor`.
    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
        self.pipeCapacity = pipeCapacityOf(fileDescriptor)
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

    /// Writes one framed message only if that cannot block: the descriptor is a pipe with room for the whole
    /// frame now and no other thread is writing. Returns false, having written nothing, otherwise.
    ///
    /// The read thread answers some requests itself; it must never wait for the peer to read, or a peer that
    /// writes many requests before reading any answer (and so stops reading us) would wait for it forever.
    public func writeIfRoom(body: [UInt8]) throws -> Bool {
        guard let pipeCapacity else { return false }
        let frame = Self.frame(body)
        // Another thread holding the lock may be blocked in `write(2)` itself: do not wait for it.
        guard lock.try() else { return false }
        defer { lock.unlock() }
        // The kernel counts a pipe's room in page buffers: the read part of the first buffer is not room yet, so
        // two pages are kept in hand (the free room is at least capacity - unread - one page).
        guard frame.count + 2 * 4096 <= pipeCapacity - unreadBytes(fileDescriptor) else { return false }
        try writeLocked(frame)
        return true
    }

    /// Writes bytes as they are (for tests that need malformed frames).
    public func writeRaw(_ bytes: [UInt8]) throws {
        lock.lock()
        defer { lock.unlock() }
        try writeLocked(bytes)
    }

    private func writeLocked(_ bytes: [UInt8]) throws {
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

/// The capacity of a pipe (`F_GETPIPE_SZ`), or `nil` for other descriptors and other systems.
private func pipeCapacityOf(_ fileDescriptor: Int32) -> Int? {
    #if os(Linux)
        var status = stat()
        guard fstat(fileDescriptor, &status) == 0, status.st_mode & S_IFMT == S_IFIFO else { return nil }
        let capacity = fcntl(fileDescriptor, 1032)  // F_GETPIPE_SZ
        return capacity > 0 ? Int(capacity) : nil
    #else
        return nil
    #endif
}

/// The bytes written to a pipe and not read yet (`FIONREAD`); the capacity when unknown, so nothing is written.
private func unreadBytes(_ fileDescriptor: Int32) -> Int {
    #if os(Linux)
        var count: Int32 = 0
        return ioctl(fileDescriptor, UInt(0x541B), &count) == 0 ? Int(count) : Int.max / 2  // FIONREAD
    #else
        return Int.max / 2
    #endif
}
