/// Splits source bytes into tokens with Python's rules, plus the Moltres leading-dot continuation.
///
/// - Inside `()`, `[]`, `{}` line breaks are trivia.
/// - A line whose first character is `.` (not followed by a digit) continues the previous line.
/// - At bracket depth 0, indentation produces `indent`/`dedent` tokens; blank and comment-only lines are trivia.
/// - If brackets are still open at the end of the file, the file is lexed again in recovery mode, where a line
///   indented no deeper than the line that opened the outermost open bracket ends the brackets, so that one
///   missing `)` does not swallow the rest of the file.
///
/// The lexer never fails: bad input becomes `unknown` tokens or malformed literals plus diagnostics.
public enum Lexer {
    /// Tokens of `source` and the lexical diagnostics, in source order.
    public static func tokenize(_ source: SourceText) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        let lexed = tokenize(source, commonTokenLoop: true, spareBytesPerToken: 0, spareBytesFixed: 0)
        return (lexed.tokens, lexed.diagnostics)
    }

    /// ``tokenize(_:)``; without `commonTokenLoop`, every token goes through the general path, which the tests
    /// compare with the fast loop's tokens.
    static func tokenize(
        _ source: SourceText, commonTokenLoop: Bool
    ) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        let lexed = tokenize(source, commonTokenLoop: commonTokenLoop, spareBytesPerToken: 0, spareBytesFixed: 0)
        return (lexed.tokens, lexed.diagnostics)
    }

    /// The tokens, the diagnostics and the array's room past its last token: at least `spareBytesPerToken` bytes
    /// a token and `spareBytesFixed` more, 16-byte aligned, which ``parse(_:nestingLimit:)`` builds its node, child and stack buffers in
    /// (one allocation for all of them; the array is never changed, so that memory is never touched by it).
    static func tokenize(
        _ source: SourceText, commonTokenLoop: Bool, spareBytesPerToken: Int, spareBytesFixed: Int
    ) -> Lexed {
        source.bytes.withUnsafeBufferPointer { buffer in
            // The tokens are written straight into the array returned (no buffer to copy out and free). Code has
            // far fewer tokens than half its bytes; a denser file is lexed again with room for the most tokens any
            // file can have: every byte a token, plus at most one indent per indenting byte and a dedent per indent.
            var capacity = buffer.count / 2 + 16
            func slots(_ bytes: Int) -> Int { (bytes + MemoryLayout<Token>.stride - 1) / MemoryLayout<Token>.stride }
            while true {
                if let result = tokenize(
                    buffer, capacity: capacity, commonTokenLoop: commonTokenLoop,
                    spareSlots: capacity * slots(spareBytesPerToken) + slots(spareBytesFixed))
                {
                    return result
                }
                capacity = max(capacity * 2, buffer.count * 2 + 8)
            }
        }
    }

    /// What ``tokenize(_:commonTokenLoop:spareBytesPerToken:spareBytesFixed:)`` returns: the tokens, the
    /// diagnostics, and the array's memory past its last token (`spareBytes` of it), valid while `tokens` is alive.
    /// (A tuple: a struct's arrays would be copied out of it, a retain and a release each.)
    typealias Lexed = (
        tokens: [Token], diagnostics: [Diagnostic], spare: UnsafeMutableRawPointer, spareBytes: Int
    )

    /// The tokens and diagnostics of `buffer`, or `nil` when it has more than `capacity` tokens. The array has room
    /// for `capacity` tokens, then the open-bracket stack's 16 entries (``OpenBracket`` is a token's size), then
    /// `spareSlots` more tokens' room.
    private static func tokenize(
        _ buffer: UnsafeBufferPointer<UInt8>, capacity: Int, commonTokenLoop: Bool, spareSlots: Int
    ) -> Lexed? {
        var diagnostics: [Diagnostic] = []
        var overflowed = false
        var spare: UnsafeMutableRawPointer?
        var spareBytes = 0
        let arrayCapacity = capacity + OpenBracket.reserved + spareSlots
        let tokens = [Token](unsafeUninitializedCapacity: arrayCapacity) { storage, initializedCount in
            // The array's storage always exists: its capacity is at least 16.
            let base = storage.baseAddress!
            let bracketMemory = UnsafeMutableRawPointer(base + capacity)
            var state = LexerState(
                bytes: buffer, tokens: base, tokenCapacity: capacity, bracketMemory: bracketMemory,
                recoverUnclosedBrackets: false, commonTokenLoop: commonTokenLoop)
            state.run()
            if !state.brackets.isEmpty && !state.overflowed {
                state.deallocateBuffers()
                state = LexerState(
                    bytes: buffer, tokens: base, tokenCapacity: capacity, bracketMemory: bracketMemory,
                    recoverUnclosedBrackets: true, commonTokenLoop: commonTokenLoop)
                state.run()
            }
            overflowed = state.overflowed
            initializedCount = overflowed ? 0 : state.tokenCount
            diagnostics = state.diagnostics
            state.deallocateBuffers()
            spare = UnsafeMutableRawPointer(base + initializedCount)
            spareBytes = (storage.count - initializedCount) * MemoryLayout<Token>.stride
        }
        if overflowed { return nil }
        return (tokens, diagnostics, spare!, spareBytes)
    }
}

private struct OpenBracket {
    var kind: UInt8
    var lineIndent: Int

    /// The entries kept in the token array's memory past the tokens' room (deeper nesting moves them to memory
    /// of their own).
    static let reserved = 16
}

private struct LexerState {
    let bytes: UnsafeBufferPointer<UInt8>
    let count: Int
    let recoverUnclosedBrackets: Bool
    /// Whether ``lexCommonTokens()`` runs (the tests turn it off to compare it with the general path).
    let commonTokenLoop: Bool
    var position = 0
    var triviaStart = 0
    /// The tokens written so far, in the storage of the array ``Lexer/tokenize(_:)`` returns (appended to without
    /// the uniqueness check an array stored in this mutating struct costs per append).
    let tokenBase: UnsafeMutablePointer<Token>
    var tokenCount = 0
    let tokenCapacity: Int
    /// Set when the file has more tokens than ``tokenCapacity``: the rest are dropped, and the file is lexed again
    /// with more room.
    var overflowed = false
    var diagnostics: [Diagnostic] = []
    /// The open brackets, innermost last (a buffer, like ``tokens``).
    var brackets: ParserBuffer<OpenBracket>
    /// The indentation levels opened above column 0, innermost last (column 0 is implied: a file without
    /// indentation allocates nothing here).
    var indents: [Int] = []
    var atLineStart = true
    var lineHasTokens = false
    var physicalLineIndent = 0

    /// A lexer writing up to `tokenCapacity` tokens at `tokens`, with its open brackets in `bracketMemory` (room
    /// for ``OpenBracket/reserved`` of them, in the token array's memory: no allocation of their own).
    init(
        bytes: UnsafeBufferPointer<UInt8>, tokens: UnsafeMutablePointer<Token>, tokenCapacity: Int,
        bracketMemory: UnsafeMutableRawPointer, recoverUnclosedBrackets: Bool, commonTokenLoop: Bool
    ) {
        self.bytes = bytes
        self.count = bytes.count
        self.recoverUnclosedBrackets = recoverUnclosedBrackets
        self.commonTokenLoop = commonTokenLoop
        tokenBase = tokens
        self.tokenCapacity = tokenCapacity
        brackets = ParserBuffer(in: bracketMemory, capacity: OpenBracket.reserved)
    }

    /// Frees the bracket buffer if it outgrew its room in the token array; the state must not be used afterwards.
    func deallocateBuffers() {
        brackets.deallocate()
    }

    @inline(__always)
    mutating func appendToken(_ token: Token) {
        if tokenCount == tokenCapacity {
            overflowed = true
            return
        }
        (tokenBase + tokenCount).initialize(to: token)
        tokenCount += 1
    }

    @inline(__always) func byte(_ offset: Int) -> UInt8 { offset < count ? bytes[offset] : 0 }

    mutating func emit(_ kind: TokenKind, start: Int, end: Int) {
        appendToken(Token(kind: kind, fullStart: triviaStart, start: start, end: end))
        triviaStart = end
        position = end
    }

    mutating func report(_ code: DiagnosticCode, _ start: Int, _ end: Int, _ message: String, fixes: [Fix] = []) {
        diagnostics.append(
            Diagnostic(code: code, range: ByteRange(start: start, end: end), message: message, fixes: fixes))
    }

    mutating func run() {
        // A UTF-8 byte order mark at the start is ignored, as Python ignores it: leading trivia of the first token.
        if count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { position = 3 }
        while true {
            if atLineStart && brackets.isEmpty {
                if !handleLineStart() { break }
            } else if position < count, case let byte = bytes[position], byte > 0x23 && byte != 0x5C {
                // No trivia here (`skipTrivia` handles only spaces, tabs, form feeds, `#`, `\` and line breaks):
                // most tokens follow another directly, so this saves a call per token.
            } else if !skipTrivia() {
                break
            }
            if position >= count { break }
            if atLineStart { continue }
            if commonTokenLoop {
                let positionBefore = position
                lexCommonTokens()
                if position != positionBefore { continue }
            }
            // A token `lexCommonTokens` leaves to the general path. Names and strings are lexed without going
            // through `lexToken`'s dispatch, which saves and restores six registers around the call it ends in.
            let first = bytes[position]
            if (first >= 0x61 && first <= 0x7A) || (first >= 0x41 && first <= 0x5A) || first == 0x5F {
                lexIdentifierOrKeyword()
            } else if first == 0x22 || first == 0x27 {
                lexString(prefixStart: position, quoteAt: position, raw: false, format: false, bytesPrefix: false)
            } else {
                lexToken()
            }
            lineHasTokens = true
        }
        if lineHasTokens { emit(.newline, start: position, end: position) }
        triviaStart = min(triviaStart, position)
        for _ in 0..<indents.count {
            appendToken(Token(kind: .dedent, fullStart: triviaStart, start: triviaStart, end: triviaStart))
        }
        appendToken(Token(kind: .endOfFile, fullStart: triviaStart, start: count, end: count))
    }

    /// Lexes the tokens most of a line is made of (names and keywords, short plain strings, brackets, `.`, `,`, `=`,
    /// `==`) and the spaces between them, with the position and the token cursor in registers. It stops, with
    /// ``position`` at a token or trivia start, at the first byte it leaves to the general path (a line break, a
    /// comment, a number, an operator, a string with escapes or a prefix, a non-ASCII name, the end of the file),
    /// so every token it makes is the one the general path would make.
    mutating func lexCommonTokens() {
        guard let base = bytes.baseAddress else { return }
        let end = count
        var index = position
        var leading = triviaStart
        var output = tokenBase + tokenCount
        let outputEnd = tokenBase + tokenCapacity
        // The class of each byte, as an ASCII digit or `:`/`;` (one load and a jump table instead of a chain of
        // comparisons): `0` the general path (non-ASCII bytes included), `1` a space, tab or form feed, `2` a letter
        // or `_`, `3` a digit 1-9, `4` the digit 0, `5` a quote, `6` an opening and `7` a closing bracket, `8` `,`,
        // `9` `.`, `:` `<` or `>`, `;` `=`.
        let byteClasses: StaticString =
            "000000000100100000000000000000001050000567008090433333333300:;:0022222222222222222222222222607020222222222222222222222222226070000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        let classes = byteClasses.utf8Start
        // Every token starts at its own byte, so starting tokens only below `scanEnd` keeps within the room left
        // without testing it per token (a token may still end past `scanEnd`; the general path goes on from there).
        let scanEnd = min(end, index + (outputEnd - output))
        scan: while index < scanEnd {
            let start = index
            let first = base[index]
            let kind: TokenKind
            switch classes[Int(first)] {
            case 0x31:
                index &+= 1
                continue scan
            case 0x32:
                index &+= 1
                // Letters, `_` and digits (classes 2 to 4).
                while index < end && classes[Int(base[index])] &- 0x32 < 3 { index &+= 1 }
                let length = index - start
                if index < end, case let next = base[index],
                    next >= 0x80 || (length <= 2 && (next == 0x22 || next == 0x27))
                {
                    // A name going on in non-ASCII letters, or a string prefix (`r"`, `f'`).
                    index = start
                    break scan
                }
                kind =
                    mayBeKeyword(first: first, length: length)
                    ? keywordKind(base + start, length: length, readableCount: end - start) : .identifier
            case 0x35:
                var close = index + 1
                // Eight bytes at a time while none of them is the quote, a backslash, a control byte or a non-ASCII
                // byte; the loop below then stops exactly at the first such byte.
                while close &+ 8 <= end {
                    let word = ByteWord.load(base + close)
                    let stops =
                        ByteWord.equal(word, first) | ByteWord.equal(word, 0x5C) | ByteWord.below(word, 0x20)
                        | ByteWord.nonASCII(word)
                    if stops != 0 {
                        close &+= stops.trailingZeroBitCount &>> 3
                        break
                    }
                    close &+= 8
                }
                while close < end, case let byte = base[close], byte &- 0x20 < 0x60, byte != first, byte != 0x5C {
                    close &+= 1
                }
                // Unterminated, escapes, non-ASCII or control bytes, or `"""`: the general path.
                guard close < end, base[close] == first,
                    close != index + 1 || close + 1 >= end || base[close + 1] != first
                else { break scan }
                index = close + 1
                kind = .string
            case 0x36:
                brackets.append(OpenBracket(kind: first, lineIndent: physicalLineIndent))
                index &+= 1
                kind = bracketKind(first, closing: false)
            case 0x37:
                // `(` is one below `)`, `[` and `{` two below `]` and `}` (bit 6 set).
                let opener = first &- 1 &- ((first &>> 6) & 1)
                // Nearly always the innermost bracket; an outer match closes the ones inside it too.
                if let innermost = brackets.last, innermost.kind == opener {
                    brackets.removeLast()
                } else {
                    var match = brackets.count - 1
                    while match >= 0 && brackets[match].kind != opener { match -= 1 }
                    if match >= 0 { brackets.removeAll(from: match) }
                }
                index &+= 1
                kind = bracketKind(first, closing: true)
            case 0x38:
                index &+= 1
                kind = .comma
            case 0x39:
                // `.5` and `...` go to the general path.
                if index + 1 < end, case let next = base[index + 1], next == 0x2E || next &- 0x30 < 10 { break scan }
                index &+= 1
                kind = .dot
            case 0x33:
                // A plain decimal integer; anything more (a leading zero, `_`, `.`, an exponent, `j`, a name glued
                // to it) goes to the general path, which reports what is wrong.
                index &+= 1
                while index < end && base[index] &- 0x30 < 10 { index &+= 1 }
                if index < end, case let next = base[index],
                    (next | 0x20) &- 0x61 < 26 || next == 0x5F || next == 0x2E || next >= 0x80
                {
                    index = start
                    break scan
                }
                kind = .integer
            case 0x3A:
                // `<` and `>` alone (`<=`, `>=`, `<>`, `<<`, `>>` and their assignments go to the general path).
                if index + 1 < end, case let next = base[index + 1], next == 0x3D || next == 0x3C || next == 0x3E {
                    break scan
                }
                index &+= 1
                kind = first == 0x3C ? .less : .greater
            case 0x3B:
                if index + 1 < end && base[index + 1] == 0x3D {
                    index &+= 2
                    kind = .equalEqual
                } else {
                    index &+= 1
                    kind = .equal
                }
            default:
                break scan
            }
            output.initialize(to: Token(kind: kind, fullStart: leading, start: start, end: index))
            output += 1
            leading = index
        }
        let made = output - (tokenBase + tokenCount)
        if made > 0 {
            lineHasTokens = true
            tokenCount += made
            triviaStart = leading
        }
        position = index
    }

    /// Skips blank and comment-only lines, then measures the indentation of the next line and emits
    /// `indent`/`dedent` tokens. Returns false at the end of the file.
    mutating func handleLineStart() -> Bool {
        while true {
            var column = 0
            var index = position
            while index < count {
                let byte = bytes[index]
                if byte == 0x20 {
                    column += 1
                } else if byte == 0x09 {
                    column = (column / 8 + 1) * 8
                } else if byte == 0x0C {
                    column = 0
                } else {
                    break
                }
                index += 1
            }
            position = index
            if index >= count { return false }
            let byte = bytes[index]
            if byte == 0x23 {
                skipComment()
                continue
            }
            if byte == 0x0A || byte == 0x0D {
                skipNewline()
                continue
            }
            if byte == 0x5C && (self.byte(index + 1) == 0x0A || self.byte(index + 1) == 0x0D) {
                // A continuation on an otherwise blank line: keep it as trivia, as Python's tokenizer does.
                position += 1
                skipNewline()
                continue
            }
            physicalLineIndent = column
            atLineStart = false
            let top = indents.last ?? 0
            if column > top {
                indents.append(column)
                appendToken(Token(kind: .indent, fullStart: triviaStart, start: triviaStart, end: triviaStart))
            } else if column < top {
                while let last = indents.last, column < last {
                    indents.removeLast()
                    appendToken(Token(kind: .dedent, fullStart: triviaStart, start: triviaStart, end: triviaStart))
                }
                if column != (indents.last ?? 0) {
                    // The parser reports the unexpected `indent` this produces, so there is one diagnostic.
                    indents.append(column)
                    appendToken(Token(kind: .indent, fullStart: triviaStart, start: triviaStart, end: triviaStart))
                }
            }
            return true
        }
    }

    mutating func skipComment() {
        let start = position
        var index = position
        var hasHighBytes = false
        while index < count && bytes[index] != 0x0A && bytes[index] != 0x0D {
            if bytes[index] >= 0x80 { hasHighBytes = true }
            index += 1
        }
        if hasHighBytes { checkUTF8(start, index) }
        position = index
    }

    mutating func skipNewline() {
        if bytes[position] == 0x0D && byte(position + 1) == 0x0A { position += 2 } else { position += 1 }
    }

    /// Skips trivia inside a line. At a line break it either keeps going (inside brackets, after a `\`, before a
    /// leading-dot line) or emits the `newline` token. Returns false at the end of the file.
    mutating func skipTrivia() -> Bool {
        while position < count {
            let byte = bytes[position]
            switch byte {
            case 0x20, 0x09, 0x0C:
                position += 1
            case 0x23:
                skipComment()
            case 0x5C:
                let next = self.byte(position + 1)
                if next == 0x0A || next == 0x0D {
                    position += 1
                    skipNewline()
                } else {
                    return true
                }
            case 0x0A, 0x0D:
                let newlineStart = position
                skipNewline()
                if !brackets.isEmpty {
                    measurePhysicalIndent()
                    if recoverUnclosedBrackets && nextLineEndsBrackets() {
                        brackets.removeAll()
                        if lineHasTokens {
                            emitNewline(start: newlineStart)
                            return true
                        }
                    }
                    continue
                }
                if !lineHasTokens { continue }
                if nextLineStartsWithDot() { continue }
                emitNewline(start: newlineStart)
                return true
            default:
                return true
            }
        }
        return false
    }

    mutating func emitNewline(start: Int) {
        appendToken(Token(kind: .newline, fullStart: triviaStart, start: start, end: position))
        triviaStart = position
        lineHasTokens = false
        atLineStart = true
    }

    /// The indentation of the physical line starting at `position` (used to remember where brackets open).
    mutating func measurePhysicalIndent() {
        var column = 0
        var index = position
        while index < count && (bytes[index] == 0x20 || bytes[index] == 0x09) {
            column = bytes[index] == 0x09 ? (column / 8 + 1) * 8 : column + 1
            index += 1
        }
        physicalLineIndent = column
    }

    /// The first significant byte of the next non-blank, non-comment line at or after `position`, and its column.
    func peekNextLine() -> (byte: UInt8, column: Int, index: Int)? {
        var index = position
        while index < count {
            var column = 0
            while index < count && (bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0C) {
                column = bytes[index] == 0x09 ? (column / 8 + 1) * 8 : column + 1
                index += 1
            }
            guard index < count else { return nil }
            let byte = bytes[index]
            if byte == 0x23 {
                while index < count && bytes[index] != 0x0A && bytes[index] != 0x0D { index += 1 }
                continue
            }
            if byte == 0x0A || byte == 0x0D {
                index += 1
                continue
            }
            return (byte, column, index)
        }
        return nil
    }

    func nextLineStartsWithDot() -> Bool {
        guard let next = peekNextLine(), next.byte == 0x2E else { return false }
        let after = byte(next.index + 1)
        return !(after >= 0x30 && after <= 0x39) && after != 0x2E
    }

    func nextLineEndsBrackets() -> Bool {
        guard !brackets.isEmpty, let next = peekNextLine() else { return false }
        if next.byte == 0x29 || next.byte == 0x5D || next.byte == 0x7D || next.byte == 0x2E { return false }
        return next.column <= brackets[0].lineIndent
    }

    // MARK: Tokens

    mutating func lexToken() {
        let start = position
        let byte = bytes[start]
        switch byte {
        case 0x61...0x7A, 0x41...0x5A, 0x5F:
            lexIdentifierOrKeyword()
        case 0x30...0x39:
            lexNumber()
        case 0x22, 0x27:
            lexString(prefixStart: start, quoteAt: start, raw: false, format: false, bytesPrefix: false)
        case 0x2E:
            let next = self.byte(start + 1)
            if next >= 0x30 && next <= 0x39 {
                lexNumber()
            } else if next == 0x2E && self.byte(start + 2) == 0x2E {
                emit(.ellipsis, start: start, end: start + 3)
            } else {
                emit(.dot, start: start, end: start + 1)
            }
        case 0x28, 0x5B, 0x7B:
            brackets.append(OpenBracket(kind: byte, lineIndent: physicalLineIndent))
            emit(
                byte == 0x28 ? .leftParenthesis : byte == 0x5B ? .leftBracket : .leftBrace, start: start, end: start + 1
            )
        case 0x29, 0x5D, 0x7D:
            let opener: UInt8 = byte == 0x29 ? 0x28 : byte == 0x5D ? 0x5B : 0x7B
            // Nearly always the innermost bracket; an outer match closes the ones inside it too.
            var match = brackets.count - 1
            while match >= 0 && brackets[match].kind != opener { match -= 1 }
            if match >= 0 { brackets.removeAll(from: match) }
            emit(
                byte == 0x29 ? .rightParenthesis : byte == 0x5D ? .rightBracket : .rightBrace, start: start,
                end: start + 1)
        case 0x80...0xFF:
            lexNonASCII()
        default:
            lexOperator()
        }
    }

    mutating func lexOperator() {
        let start = position
        let first = bytes[start]
        let second = byte(start + 1)
        let third = byte(start + 2)
        func two(_ kind: TokenKind) -> (TokenKind, Int) { (kind, 2) }
        var result: (TokenKind, Int)
        switch first {
        case 0x2C: result = (.comma, 1)
        case 0x3A: result = second == 0x3D ? two(.colonEqual) : (.colon, 1)
        case 0x3B: result = (.semicolon, 1)
        case 0x3D: result = second == 0x3D ? two(.equalEqual) : (.equal, 1)
        case 0x2B: result = second == 0x3D ? two(.augmentedAssignment) : (.plus, 1)
        case 0x2D:
            result = second == 0x3D ? two(.augmentedAssignment) : second == 0x3E ? two(.arrow) : (.minus, 1)
        case 0x2A:
            if second == 0x2A {
                result = third == 0x3D ? (.augmentedAssignment, 3) : two(.doubleStar)
            } else {
                result = second == 0x3D ? two(.augmentedAssignment) : (.star, 1)
            }
        case 0x2F:
            if second == 0x2F {
                result = third == 0x3D ? (.augmentedAssignment, 3) : two(.doubleSlash)
            } else {
                result = second == 0x3D ? two(.augmentedAssignment) : (.slash, 1)
            }
        case 0x25: result = second == 0x3D ? two(.augmentedAssignment) : (.percent, 1)
        case 0x40: result = second == 0x3D ? two(.augmentedAssignment) : (.at, 1)
        case 0x26: result = second == 0x3D ? two(.augmentedAssignment) : (.ampersand, 1)
        case 0x7C: result = second == 0x3D ? two(.augmentedAssignment) : (.pipe, 1)
        case 0x5E: result = second == 0x3D ? two(.augmentedAssignment) : (.caret, 1)
        case 0x7E: result = (.tilde, 1)
        case 0x3C:
            if second == 0x3C {
                result = third == 0x3D ? (.augmentedAssignment, 3) : two(.leftShift)
            } else {
                result = second == 0x3D ? two(.lessEqual) : second == 0x3E ? two(.notEqual) : (.less, 1)
            }
        case 0x3E:
            if second == 0x3E {
                result = third == 0x3D ? (.augmentedAssignment, 3) : two(.rightShift)
            } else {
                result = second == 0x3D ? two(.greaterEqual) : (.greater, 1)
            }
        case 0x21:
            if second == 0x3D {
                result = two(.notEqual)
            } else {
                report(
                    .invalidCharacter, start, start + 1, "'!' is not an operator here; use `~` to negate a condition.")
                result = (.unknown, 1)
            }
        default:
            let hex = String(first, radix: 16, uppercase: true)
            let shown =
                first < 0x20 || first == 0x7F
                ? "U+" + String(repeating: "0", count: 4 - hex.count) + hex : "'\(Character(Unicode.Scalar(first)))'"
            let hint = first == 0x5C ? " A `\\` continues a line only when it is the last character on it." : ""
            report(.invalidCharacter, start, start + 1, "The character \(shown) cannot appear here.\(hint)")
            result = (.unknown, 1)
        }
        emit(result.0, start: start, end: start + result.1)
    }

    mutating func lexNonASCII() {
        let start = position
        let length = validUTF8Length(bytes, at: start, limit: count)
        if length == 0 {
            var end = start + 1
            while end < count && bytes[end] >= 0x80 && validUTF8Length(bytes, at: end, limit: count) == 0 { end += 1 }
            report(.invalidUTF8, start, end, "These bytes are not valid UTF-8; save the file as UTF-8.")
            emit(.unknown, start: start, end: end)
            return
        }
        if let scalar = decodeScalar(bytes, at: start, length: length), scalar.properties.isXIDStart {
            lexIdentifierOrKeyword()
            return
        }
        let scalar = decodeScalar(bytes, at: start, length: length)
        let shown = scalar.map { "'\($0)' (U+\(String($0.value, radix: 16, uppercase: true)))" } ?? "this character"
        report(
            .invalidCharacter, start, start + length,
            "The character \(shown) cannot appear outside strings and comments.")
        emit(.unknown, start: start, end: start + length)
    }

    mutating func lexIdentifierOrKeyword() {
        let start = position
        var index = start
        var allASCII = true
        while index < count {
            let byte = bytes[index]
            if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x5F
            {
                index += 1
            } else if byte >= 0x80 {
                let length = validUTF8Length(bytes, at: index, limit: count)
                guard length > 0, let scalar = decodeScalar(bytes, at: index, length: length),
                    scalar.properties.isXIDContinue
                else { break }
                allASCII = false
                index += length
            } else {
                break
            }
        }
        let length = index - start
        let next = byte(index)
        if allASCII && length <= 3 && (next == 0x22 || next == 0x27) {
            var raw = false
            var format = false
            var bytesPrefix = false
            var valid = true
            for offset in start..<index {
                switch bytes[offset] | 0x20 {
                case 0x72: raw = true
                case 0x66: format = true
                case 0x62: bytesPrefix = true
                case 0x75: valid = length == 1
                default: valid = false
                }
            }
            if format && bytesPrefix { valid = false }
            if valid && length <= 2 {
                lexString(prefixStart: start, quoteAt: index, raw: raw, format: format, bytesPrefix: bytesPrefix)
                return
            }
        }
        var kind = TokenKind.identifier
        if allASCII && length >= 2 && length <= 8 {
            var key: UInt64 = 0
            for offset in start..<index { key = key << 8 | UInt64(bytes[offset]) }
            kind = keywordKind(key) ?? .identifier
        }
        emit(kind, start: start, end: index)
    }

    mutating func lexNumber() {
        let start = position
        var index = start
        var kind = TokenKind.integer
        var problem: String?
        func isDigit(_ byte: UInt8, base: Int) -> Bool {
            switch base {
            case 2: return byte == 0x30 || byte == 0x31
            case 8: return byte >= 0x30 && byte <= 0x37
            case 16: return (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
            default: return byte >= 0x30 && byte <= 0x39
            }
        }
        /// Scans digits with single underscores between them; returns the digit count.
        func scanDigits(base: Int, allowLeadingUnderscore: Bool = false) -> Int {
            var digits = 0
            var lastWasUnderscore = false
            while index < count {
                let byte = bytes[index]
                if byte == 0x5F {
                    if lastWasUnderscore || (digits == 0 && !allowLeadingUnderscore) {
                        problem = problem ?? "An underscore in a number must stand between two digits."
                    }
                    lastWasUnderscore = true
                } else if isDigit(byte, base: base) {
                    digits += 1
                    lastWasUnderscore = false
                } else {
                    break
                }
                index += 1
            }
            if lastWasUnderscore { problem = problem ?? "An underscore in a number must stand between two digits." }
            return digits
        }
        let prefix = byte(start + 1) | 0x20
        if bytes[start] == 0x30 && (prefix == 0x78 || prefix == 0x6F || prefix == 0x62) {
            index += 2
            let base = prefix == 0x78 ? 16 : prefix == 0x6F ? 8 : 2
            if scanDigits(base: base, allowLeadingUnderscore: true) == 0 {
                let name = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary"
                problem = problem ?? "This \(name) number has no digits."
            }
        } else {
            var integerDigits = 0
            if bytes[start] != 0x2E {
                integerDigits = scanDigits(base: 10)
            }
            if byte(index) == 0x2E {
                let after = byte(index + 1)
                let startsName = (after | 0x20 >= 0x61 && after | 0x20 <= 0x7A) || after == 0x5F || after >= 0x80
                let isExponent = after | 0x20 == 0x65
                if !startsName || isExponent || integerDigits == 0 {
                    kind = .float
                    index += 1
                    if byte(index) >= 0x30 && byte(index) <= 0x39 { _ = scanDigits(base: 10) }
                }
            }
            if byte(index) | 0x20 == 0x65 {
                var exponentIndex = index + 1
                if byte(exponentIndex) == 0x2B || byte(exponentIndex) == 0x2D { exponentIndex += 1 }
                if byte(exponentIndex) >= 0x30 && byte(exponentIndex) <= 0x39 {
                    kind = .float
                    index = exponentIndex
                    _ = scanDigits(base: 10)
                }
            }
            if kind == .integer && bytes[start] == 0x30 && integerDigits > 1 {
                let text = bytes[start..<index].filter { $0 != 0x5F }
                if text.contains(where: { $0 != 0x30 }) {
                    problem =
                        problem ?? "Leading zeros are not allowed in decimal numbers; write 0o17 for an octal number."
                }
            }
        }
        if byte(index) | 0x20 == 0x6A {
            index += 1
            problem = problem ?? "Complex numbers are not supported."
        }
        // A name glued to a number (`1abc`) is one malformed number, not a number and a name.
        var trailingStart = -1
        while index < count {
            let byte = bytes[index]
            if (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F {
                if trailingStart < 0 { trailingStart = index }
                index += 1
            } else {
                break
            }
        }
        if trailingStart >= 0 { problem = problem ?? "This is not a valid number; a name cannot start with a digit." }
        if let problem { report(.invalidNumber, start, index, problem) }
        emit(kind, start: start, end: index)
    }

    mutating func lexString(prefixStart: Int, quoteAt: Int, raw: Bool, format: Bool, bytesPrefix: Bool) {
        let quote = bytes[quoteAt]
        let triple = byte(quoteAt + 1) == quote && byte(quoteAt + 2) == quote
        var index = quoteAt + (triple ? 3 : 1)
        var terminated = false
        var sawHighBytes = false
        let contentStart = index
        while index < count {
            // Printable ASCII other than the quote and a backslash (nearly all of a string) needs no other test.
            while index < count, case let byte = bytes[index], byte &- 0x20 < 0x60, byte != quote, byte != 0x5C {
                index += 1
            }
            guard index < count else { break }
            let byte = bytes[index]
            if byte == 0x5C {
                if raw {
                    index += index + 1 < count ? 2 : 1
                } else {
                    index = checkEscape(at: index, bytesPrefix: bytesPrefix)
                }
                continue
            }
            if byte == quote {
                if !triple {
                    index += 1
                    terminated = true
                    break
                }
                if self.byte(index + 1) == quote && self.byte(index + 2) == quote {
                    index += 3
                    terminated = true
                    break
                }
            } else if (byte == 0x0A || byte == 0x0D) && !triple {
                break
            } else if byte >= 0x80 {
                sawHighBytes = true
            }
            index += 1
        }
        if sawHighBytes { checkUTF8(contentStart, index) }
        if !terminated {
            let closing = String(repeating: String(Character(Unicode.Scalar(quote))), count: triple ? 3 : 1)
            let message =
                triple
                ? "This triple-quoted string is never closed; add \(closing) where it should end."
                : "This string is not closed before the end of the line; add \(closing) at its end."
            report(
                .unterminatedString, prefixStart, index, message,
                fixes: [Fix(title: "Close the string", edits: [TextEdit(range: .empty(at: index), newText: closing)])])
        }
        if format {
            report(
                .formatString, prefixStart, index,
                "f-strings are not supported: a pipeline is compiled, not run. Use `F.concat(...)` with `lit(...)` "
                    + "to build text from columns, or write the value directly.")
        }
        emit(.string, start: prefixStart, end: index)
    }

    /// Checks the escape at `index` (a backslash) and returns the index after it.
    mutating func checkEscape(at index: Int, bytesPrefix: Bool) -> Int {
        let next = byte(index + 1)
        if index + 1 >= count { return index + 1 }
        func hexDigits(_ wanted: Int, _ name: String) -> Int {
            var end = index + 2
            while end < index + 2 + wanted && end < count && isHex(bytes[end]) { end += 1 }
            if end - (index + 2) < wanted {
                report(.invalidEscape, index, end, "\(name) needs exactly \(wanted) hexadecimal digits.")
            }
            return end
        }
        switch next {
        case 0x0A, 0x0D, 0x5C, 0x27, 0x22, 0x61, 0x62, 0x66, 0x6E, 0x72, 0x74, 0x76:
            return next == 0x0D && byte(index + 2) == 0x0A ? index + 3 : index + 2
        case 0x30...0x37:
            var end = index + 2
            while end < index + 4 && byte(end) >= 0x30 && byte(end) <= 0x37 { end += 1 }
            return end
        case 0x78:
            return hexDigits(2, "The escape \\x")
        case 0x75 where !bytesPrefix:
            return hexDigits(4, "The escape \\u")
        case 0x55 where !bytesPrefix:
            let end = hexDigits(8, "The escape \\U")
            if end == index + 10 {
                let text = String(decoding: bytes[(index + 2)..<end], as: UTF8.self)
                if let value = UInt32(text, radix: 16), Unicode.Scalar(value) == nil {
                    report(.invalidEscape, index, end, "\\U\(text) is not a Unicode scalar value.")
                }
            }
            return end
        case 0x4E where !bytesPrefix:
            if byte(index + 2) == 0x7B {
                var end = index + 3
                while end < count && bytes[end] != 0x7D && bytes[end] != 0x0A && bytes[end] != 0x22
                    && bytes[end] != 0x27
                {
                    end += 1
                }
                if byte(end) == 0x7D && end > index + 3 {
                    let name = String(decoding: bytes[(index + 3)..<end], as: UTF8.self)
                    if unicodeScalar(named: name) == nil {
                        report(.invalidEscape, index, end + 1, "There is no Unicode character named '\(name)'.")
                    }
                    return end + 1
                }
                report(.invalidEscape, index, end, "\\N must be followed by a character name in braces: \\N{BULLET}.")
                return end
            }
            report(.invalidEscape, index, index + 2, "\\N must be followed by a character name in braces: \\N{BULLET}.")
            return index + 2
        default:
            let length = max(validUTF8Length(bytes, at: index + 1, limit: count), 1)
            let shown = String(decoding: bytes[index..<(index + 1 + length)], as: UTF8.self)
            diagnostics.append(
                Diagnostic(
                    code: .invalidEscape, severity: .warning, range: ByteRange(start: index, end: index + 1 + length),
                    message:
                        "'\(shown)' is not an escape sequence, so the backslash is kept. Write '\\\(shown)' or use a raw string r\"...\".",
                    fixes: [
                        Fix(title: "Escape the backslash", edits: [TextEdit(range: .empty(at: index), newText: "\\")])
                    ]))
            return index + 1 + length
        }
    }

    func isHex(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
    }

    /// Reports each run of invalid UTF-8 bytes in `start..<end` once.
    mutating func checkUTF8(_ start: Int, _ end: Int) {
        var index = start
        while index < end {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let length = validUTF8Length(bytes, at: index, limit: end)
            if length > 0 {
                index += length
                continue
            }
            let runStart = index
            index += 1
            while index < end && bytes[index] >= 0x80 && validUTF8Length(bytes, at: index, limit: end) == 0 {
                index += 1
            }
            report(.invalidUTF8, runStart, index, "These bytes are not valid UTF-8; save the file as UTF-8.")
        }
    }
}

/// The token kind of the bracket `byte` (`(`, `[`, `{`, or with `closing` `)`, `]`, `}`) without comparisons: the
/// byte's top three bits are 1, 2 and 3 for the three pairs, and the six kinds are declared in that order, each
/// opening bracket before its closing one (the lexer's differential test fails if they are not).
@inline(__always)
private func bracketKind(_ byte: UInt8, closing: Bool) -> TokenKind {
    let pair = (byte &>> 5) &- 1
    let raw = TokenKind.leftParenthesis.rawValue &+ pair &* 2 &+ (closing ? 1 : 0)
    // `TokenKind(rawValue:)` is a call with a switch over every case; the raw values are the cases' indices
    // (declared without values), which is how a one-byte enum stores its case.
    return unsafeBitCast(raw, to: TokenKind.self)
}

/// Whether a name of `length` bytes starting with `first` (a letter or `_`) can be a keyword: no keyword of that
/// length starts with that letter for most names, which then skip the keyword lookup.
@inline(__always)
private func mayBeKeyword(first: UInt8, length: Int) -> Bool {
    let mask: UInt64
    switch length {
    case 2: mask = 0x820200000000  // aio
    case 3: mask = 0x10405200000000  // adfnt
    case 4: mask = 0x81006000104000  // NTefpw
    case 5: mask = 0x284000E00000040  // Fabcrwy
    case 6: mask = 0x412A200000000  // aegilr
    case 7: mask = 0x4000000000  // f
    case 8: mask = 0x400800000000  // cn
    default: return false
    }
    return (mask &>> UInt64(first &- 0x40)) & 1 != 0
}

/// The keyword spelled by the `length` bytes at `name` (2 to 8 ASCII letters, digits and underscores), or
/// `identifier`. The bytes are packed little-endian into a `UInt64` (one unaligned load when 8 bytes can be read
/// at `name`, as `readableCount` says) and compared only with the keywords of that length.
@inline(__always)
private func keywordKind(_ name: UnsafePointer<UInt8>, length: Int, readableCount: Int) -> TokenKind {
    var key: UInt64
    if readableCount >= 8 {
        key = UnsafeRawPointer(name).loadUnaligned(as: UInt64.self).littleEndian
        if length < 8 { key &= (1 &<< UInt64(length &* 8)) &- 1 }
    } else {
        key = 0
        var offset = length
        while offset > 0 {
            offset -= 1
            key = key << 8 | UInt64(name[offset])
        }
    }
    switch length {
    case 2:
        switch key {
        case 0x7361: return .asKeyword  // as
        case 0x6669: return .ifKeyword  // if
        case 0x6E69: return .inKeyword  // in
        case 0x7369: return .isKeyword  // is
        case 0x726F: return .orKeyword  // or
        default: return .identifier
        }
    case 3:
        switch key {
        case 0x646E61: return .andKeyword  // and
        case 0x666564: return .defKeyword  // def
        case 0x6C6564: return .delKeyword  // del
        case 0x726F66: return .forKeyword  // for
        case 0x746F6E: return .notKeyword  // not
        case 0x797274: return .tryKeyword  // try
        default: return .identifier
        }
    case 4:
        switch key {
        case 0x656E6F4E: return .noneKeyword  // None
        case 0x65757254: return .trueKeyword  // True
        case 0x66696C65: return .elifKeyword  // elif
        case 0x65736C65: return .elseKeyword  // else
        case 0x6D6F7266: return .fromKeyword  // from
        case 0x73736170: return .passKeyword  // pass
        case 0x68746977: return .withKeyword  // with
        default: return .identifier
        }
    case 5:
        switch key {
        case 0x65736C6146: return .falseKeyword  // False
        case 0x636E797361: return .asyncKeyword  // async
        case 0x7469617761: return .awaitKeyword  // await
        case 0x6B61657262: return .breakKeyword  // break
        case 0x7373616C63: return .classKeyword  // class
        case 0x6573696172: return .raiseKeyword  // raise
        case 0x656C696877: return .whileKeyword  // while
        case 0x646C656979: return .yieldKeyword  // yield
        default: return .identifier
        }
    case 6:
        switch key {
        case 0x747265737361: return .assertKeyword  // assert
        case 0x747065637865: return .exceptKeyword  // except
        case 0x6C61626F6C67: return .globalKeyword  // global
        case 0x74726F706D69: return .importKeyword  // import
        case 0x6164626D616C: return .lambdaKeyword  // lambda
        case 0x6E7275746572: return .returnKeyword  // return
        default: return .identifier
        }
    case 7:
        return key == 0x796C6C616E6966 ? .finallyKeyword : .identifier
    case 8:
        switch key {
        case 0x65756E69746E6F63: return .continueKeyword  // continue
        case 0x6C61636F6C6E6F6E: return .nonlocalKeyword  // nonlocal
        default: return .identifier
        }
    default:
        return .identifier
    }
}

/// The keyword whose bytes, packed big-endian into a `UInt64`, are `key` (all keywords are ASCII, at most 8 bytes).
private func keywordKind(_ key: UInt64) -> TokenKind? {
    switch key {
    case 0x46616C7365: return .falseKeyword
    case 0x4E6F6E65: return .noneKeyword
    case 0x54727565: return .trueKeyword
    case 0x616E64: return .andKeyword
    case 0x6173: return .asKeyword
    case 0x617373657274: return .assertKeyword
    case 0x6173796E63: return .asyncKeyword
    case 0x6177616974: return .awaitKeyword
    case 0x627265616B: return .breakKeyword
    case 0x636C617373: return .classKeyword
    case 0x636F6E74696E7565: return .continueKeyword
    case 0x646566: return .defKeyword
    case 0x64656C: return .delKeyword
    case 0x656C6966: return .elifKeyword
    case 0x656C7365: return .elseKeyword
    case 0x657863657074: return .exceptKeyword
    case 0x66696E616C6C79: return .finallyKeyword
    case 0x666F72: return .forKeyword
    case 0x66726F6D: return .fromKeyword
    case 0x676C6F62616C: return .globalKeyword
    case 0x6966: return .ifKeyword
    case 0x696D706F7274: return .importKeyword
    case 0x696E: return .inKeyword
    case 0x6973: return .isKeyword
    case 0x6C616D626461: return .lambdaKeyword
    case 0x6E6F6E6C6F63616C: return .nonlocalKeyword
    case 0x6E6F74: return .notKeyword
    case 0x6F72: return .orKeyword
    case 0x70617373: return .passKeyword
    case 0x7261697365: return .raiseKeyword
    case 0x72657475726E: return .returnKeyword
    case 0x747279: return .tryKeyword
    case 0x7768696C65: return .whileKeyword
    case 0x77697468: return .withKeyword
    case 0x7969656C64: return .yieldKeyword
    default: return nil
    }
}

/// The scalar with the Unicode name `name` (case-insensitive), for `\N{...}` escapes; a linear search, as these are
/// rare.
func unicodeScalar(named name: String) -> Unicode.Scalar? {
    let wanted = name.uppercased()
    for value in UInt32(0x20)...UInt32(0x3_FFFF) {
        guard let scalar = Unicode.Scalar(value) else { continue }
        if scalar.properties.name == wanted || scalar.properties.nameAlias == wanted { return scalar }
    }
    return nil
}
