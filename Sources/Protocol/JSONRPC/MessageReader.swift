/// Reads Content-Length framed message bodies from a byte source.
///
/// A frame is header lines `Name: value` ending in `\r\n` (a bare `\n` is tolerated), a blank line, then exactly
/// `Content-Length` bytes of body. Header names are case-insensitive; `Content-Type` and unknown headers are ignored.
/// See [Base Protocol](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#baseProtocol).
///
/// A malformed header block (missing, non-numeric, negative or too large Content-Length, a line without a colon,
/// headers longer than ``maximumHeaderBytes``) yields ``ReadResult/framingError(_:)``; the reader then skips ahead to
/// the next `Content-Length` header and carries on, so one bad frame does not end the session.
///
/// ```swift
/// var reader = MessageReader(source: FileDescriptorByteSource(fileDescriptor: 0))
/// while case let result = try reader.next(), result != .endOfStream { … }
/// ```
public struct MessageReader<Source: ByteSource> {
    /// What one call of ``next()`` produced.
    public enum ReadResult: Sendable, Hashable {
        /// A complete message body.
        case message([UInt8])
        /// A bad frame was skipped; the reader has resynchronised.
        case framingError(FramingError)
        /// The stream ended cleanly between messages.
        case endOfStream
    }

    /// The largest body accepted by default: 64 MiB.
    public static var defaultMaximumContentLength: Int { 64 << 20 }

    /// The largest header block accepted.
    public let maximumHeaderBytes = 16 << 10

    /// The largest body accepted; larger frames are framing errors.
    public let maximumContentLength: Int

    private var source: Source
    private var buffer: [UInt8] = []
    private var start = 0
    private var sourceEnded = false
    private var resynchronising = false
    private var stepPastFirstByte = false
    private var scratch = [UInt8](repeating: 0, count: 64 << 10)

    /// Creates a reader over `source`.
    public init(source: Source, maximumContentLength: Int = MessageReader.defaultMaximumContentLength) {
        self.source = source
        self.maximumContentLength = maximumContentLength
    }

    private var available: Int { buffer.count - start }

    /// Reads more bytes into the buffer; returns false at end of stream.
    private mutating func fill() throws -> Bool {
        if sourceEnded { return false }
        if start > 0 && (start >= buffer.count / 2 || buffer.count - start < 4096) {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        let count = try scratch.withUnsafeMutableBytes { try source.read(into: $0) }
        if count == 0 {
            sourceEnded = true
            return false
        }
        buffer.append(contentsOf: scratch[0..<count])
        return true
    }

    /// Reads the next message body, or reports a skipped bad frame, or the end of the stream.
    ///
    /// - Throws: ``ReadError`` when the underlying source fails.
    public mutating func next() throws -> ReadResult {
        if resynchronising {
            resynchronising = false
            // Step past the first byte so a frame that starts with a bad Content-Length cannot be found again.
            if stepPastFirstByte && available > 0 { start += 1 }
            if try !skipToNextHeader() { return .endOfStream }
        }
        // Skip blank lines between frames; some clients send an extra CRLF.
        while true {
            while available > 0, buffer[start] == 0x0D || buffer[start] == 0x0A { start += 1 }
            if available > 0 { break }
            if try !fill() { return .endOfStream }
        }
        var contentLength: Int?
        var problem: FramingError?
        var headerBytes = 0
        while true {
            guard let lineEnd = try findLineEnd(headerBytesSoFar: headerBytes) else {
                if sourceEnded && available + headerBytes <= maximumHeaderBytes {
                    let partial = available + headerBytes
                    start = buffer.count
                    return .framingError(.unexpectedEndOfStream(bytesMissing: nil, bytesReceived: partial))
                }
                return fail(.headerTooLong, stepPastFirstByte: true)
            }
            headerBytes += lineEnd + 1 - start
            var lineStop = lineEnd
            if lineStop > start && buffer[lineStop - 1] == 0x0D { lineStop -= 1 }
            let line = buffer[start..<lineStop]
            start = lineEnd + 1
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                problem = problem ?? .malformedHeader(String(decoding: line.prefix(80), as: UTF8.self))
                continue
            }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingSpaces
            if name.lowercased() == "content-length" {
                guard let length = Int(value), length >= 0 else {
                    problem = problem ?? .invalidContentLength(String(value.prefix(80)))
                    continue
                }
                if length > maximumContentLength {
                    problem = problem ?? .contentLengthTooLarge(length, limit: maximumContentLength)
                    continue
                }
                contentLength = length
            }
        }
        if let problem { return fail(problem) }
        guard let contentLength else { return fail(.missingContentLength) }
        while available < contentLength {
            if try !fill() {
                let received = available
                start = buffer.count
                return .framingError(
                    .unexpectedEndOfStream(bytesMissing: contentLength - received, bytesReceived: received))
            }
        }
        let body = Array(buffer[start..<start + contentLength])
        start += contentLength
        return .message(body)
    }

    /// Reports `error` and arranges to skip to the next header on the next call.
    private mutating func fail(_ error: FramingError, stepPastFirstByte: Bool = false) -> ReadResult {
        resynchronising = true
        self.stepPastFirstByte = stepPastFirstByte
        return .framingError(error)
    }

    /// The index of the next `\n` at or after `start`, reading more as needed; `nil` at end of stream or when the
    /// header grows past the limit.
    private mutating func findLineEnd(headerBytesSoFar: Int) throws -> Int? {
        var searchFrom = start
        while true {
            if let index = buffer[searchFrom...].firstIndex(of: 0x0A) {
                return index - start + headerBytesSoFar > maximumHeaderBytes ? nil : index
            }
            searchFrom = buffer.count
            if available + headerBytesSoFar > maximumHeaderBytes { return nil }
            let offset = searchFrom - start
            if try !fill() { return nil }
            searchFrom = start + offset
        }
    }

    /// Discards bytes up to the next case-insensitive `Content-Length` (which stays in the buffer).
    /// Returns false at end of stream.
    private mutating func skipToNextHeader() throws -> Bool {
        let name = contentLengthName
        while true {
            var index = start
            while index + name.count <= buffer.count {
                if buffer[index] | 0x20 == name[0] {
                    var matches = true
                    for offset in 1..<name.count where buffer[index + offset] | 0x20 != name[offset] {
                        matches = false
                        break
                    }
                    if matches {
                        start = index
                        return true
                    }
                }
                index += 1
            }
            // Keep a possible partial match at the end.
            start = max(start, buffer.count - (name.count - 1))
            if try !fill() {
                start = buffer.count
                return false
            }
        }
    }
}

/// The header name the reader looks for when resynchronising, in lower case.
private let contentLengthName = Array("content-length".utf8)

/// Why a frame was rejected.
public enum FramingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The header block had no Content-Length.
    case missingContentLength
    /// The Content-Length value is not a non-negative integer.
    case invalidContentLength(String)
    /// The Content-Length is above the reader's limit.
    case contentLengthTooLarge(Int, limit: Int)
    /// A header line has no colon.
    case malformedHeader(String)
    /// The header block is longer than the limit without a blank line.
    case headerTooLong
    /// The stream ended inside a frame; `bytesMissing` is known once the header was complete.
    case unexpectedEndOfStream(bytesMissing: Int?, bytesReceived: Int)

    /// A readable description.
    public var description: String {
        switch self {
        case .missingContentLength: return "header block without Content-Length"
        case .invalidContentLength(let value): return "invalid Content-Length '\(value)'"
        case .contentLengthTooLarge(let length, let limit): return "Content-Length \(length) exceeds limit \(limit)"
        case .malformedHeader(let line): return "malformed header line '\(line)'"
        case .headerTooLong: return "header block too long"
        case .unexpectedEndOfStream(let missing?, let received):
            return "end of stream after \(received) body bytes, \(missing) missing"
        case .unexpectedEndOfStream(nil, let received):
            return "end of stream inside a header (\(received) bytes)"
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        let characters = self[...]
        let trimmedStart = characters.drop { $0 == " " || $0 == "\t" }
        var end = trimmedStart.endIndex
        while end > trimmedStart.startIndex {
            let previous = trimmedStart.index(before: end)
            guard trimmedStart[previous] == " " || trimmedStart[previous] == "\t" else { break }
            end = previous
        }
        return trimmedStart[..<end]
    }
}
