// moltres-lsp-echo: the baseline of the LSP benchmark — a minimal stdio JSON-RPC "server" that reads each
// Content-Length framed message and writes it straight back, framed the same way. No JSON parsing, no
// Foundation: the least any Swift stdio server can do per round trip. `moltres-bench lsp` measures it with the
// same client, in the same run, as `moltres lsp`.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Echoes framed messages from standard input to standard output until the input ends.
struct EchoServer {
    var buffer: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)

    /// Reads more bytes from standard input; exits at end of input.
    mutating func fill() {
        let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if count <= 0 { exit(0) }
        buffer.append(contentsOf: chunk[0..<count])
    }

    /// Writes all of `bytes` to standard output.
    func writeAll(_ bytes: ArraySlice<UInt8>) {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let written = bytes[offset...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            if written <= 0 { exit(1) }
            offset += written
        }
    }

    /// The index of the blank line that ends the header, if it has arrived.
    func headerEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4)
        where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }

    mutating func run() -> Never {
        while true {
            var end = headerEnd()
            while end == nil {
                fill()
                end = headerEnd()
            }
            let headerEnd = end!
            // Content-Length: N
            var length = 0
            for byte in buffer[0..<headerEnd] where byte >= 48 && byte <= 57 { length = length * 10 + Int(byte - 48) }
            let total = headerEnd + 4 + length
            while buffer.count < total { fill() }
            writeAll(buffer[0..<total])
            buffer.removeFirst(total)
        }
    }
}

var server = EchoServer()
server.run()
