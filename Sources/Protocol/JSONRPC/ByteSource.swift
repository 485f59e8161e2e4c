#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a ``MessageReader`` gets bytes: a file descriptor, or a scripted sequence of chunks in tests.
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes into `buffer` and returns how many were read; 0 means end of stream.
    ///
    /// Blocks until at least one byte is available.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A read failed with `errno`.
public struct ReadError: Error, Sendable, Hashable {
    /// The `errno` value.
    public var code: Int32
}

/// Reads from a file descriptor with `read(2)`, retrying on `EINTR`. The descriptor is not closed.
public struct FileDescriptorByteSource: ByteSource {
    /// The descriptor read from.
    public let fileDescriptor: Int32

    /// Creates a source over `fileDescriptor`.
    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    /// Reads with `read(2)`; `EINTR` is retried, other errors throw ``ReadError``.
    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = systemRead(fileDescriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw ReadError(code: errno)
        }
    }
}

private func systemRead(_ fileDescriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
        return Glibc.read(fileDescriptor, buffer, count)
    #else
        return Darwin.read(fileDescriptor, buffer, count)
    #endif
}

/// Hands out the given chunks one `read` call at a time (each chunk split further if the buffer is smaller);
/// for framing tests.
public struct ChunkedByteSource: ByteSource {
    private var chunks: [[UInt8]]
    private var offset = 0

    /// Creates a source that returns `chunks` in order, then end of stream.
    public init(chunks: [[UInt8]]) {
        self.chunks = chunks.filter { !$0.isEmpty }.reversed()
    }

    /// Copies (part of) the next chunk.
    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let chunk = chunks.last else { return 0 }
        let count = min(buffer.count, chunk.count - offset)
        buffer.copyBytes(from: chunk[offset..<offset + count])
        offset += count
        if offset == chunk.count {
            chunks.removeLast()
            offset = 0
        }
        return count
    }
}
