#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses a `.moltres` file into a lossless syntax tree and its syntax diagnostics.
///
/// Never fails and never throws: any input, including invalid UTF-8, yields a tree that covers every byte. The
/// diagnostics are also available as ``SyntaxTree/diagnostics``.
///
/// ```swift
/// let (tree, diagnostics) = parse("orders = db.table(\"orders\").select()\n")
/// ```
public func parse(_ text: String) -> (tree: SyntaxTree, diagnostics: [Diagnostic]) {
    parse(SourceText(text))
}

/// Parses source bytes; see ``parse(_:)-(String)``.
public func parse(
    _ source: SourceText, nestingLimit: Int = Parser.defaultNestingLimit
) -> (
    tree: SyntaxTree, diagnostics: [Diagnostic]
) {
    parse(source, nestingLimit: nestingLimit, fastPaths: true)
}

/// ``parse(_:nestingLimit:)``; without `fastPaths`, the parser's shortcuts for common shapes (see
/// ``Parser/fastPaths``) are off and everything goes through the general path, which the tests compare them with.
@inline(__always)
func parse(
    _ source: SourceText, nestingLimit: Int, fastPaths: Bool
) -> (
    tree: SyntaxTree, diagnostics: [Diagnostic]
) {
    // The token array has room past its tokens for the parser's buffers (one allocation for both).
    let (tokens, lexicalDiagnostics, spare, spareBytes) = Lexer.tokenize(
        source, commonTokenLoop: true, spareBytesPerToken: Parser.bufferBytesPerToken,
        spareBytesFixed: Parser.bufferBytesFixed)
    // The parser reads the tokens through a buffer pointer (no bounds check per read: its position never passes
    // the end-of-file token), valid for the whole parse.
    let parser = tokens.withUnsafeBufferPointer { tokenBuffer in
        var parser = Parser(
            tokens: tokens, tokenBuffer: tokenBuffer, bytes: source.bytes, nestingLimit: nestingLimit,
            fastPaths: fastPaths, spare: spare, spareBytes: spareBytes)
        parser.parseFile()
        return parser
    }
    var diagnostics = parser.diagnostics.isEmpty ? lexicalDiagnostics : lexicalDiagnostics + parser.diagnostics
    if !lexicalDiagnostics.isEmpty && !parser.diagnostics.isEmpty {
        diagnostics = diagnostics.enumerated().sorted { left, right in
            (left.element.range.start, left.offset) < (right.element.range.start, right.offset)
        }.map(\.element)
    }
    // The tree adopts the node and child buffers (and frees them); the parser frees the rest.
    let storage = SyntaxStorage(
        source: source, tokens: tokens, block: parser.blockOwned ? parser.block : nil, nodes: parser.nodes.adopted,
        children: parser.children.adopted, rootIndex: parser.nodes.count - 1, diagnostics: diagnostics)
    parser.deallocateWorkingBuffers()
    return (SyntaxTree(storage: storage), diagnostics)
}

/// A growable buffer of plain values (nodes, child indices) that the parser owns and frees itself.
///
/// An array stored in the parser costs a uniqueness check (a runtime call) on every append and write, because the
/// parser is a struct mutated in place; building a node appends several times, so this buffer does without:
/// reads and writes are still checked against the count, appends check the capacity only.
///
/// The memory comes from `malloc` and grows with `realloc`: `UnsafeMutablePointer.allocate` asks the runtime for
/// its default alignment, which on Linux is `posix_memalign` (about 500 instructions a call instead of about 60;
/// the lexer and the parser make six of these buffers per file). Every element type here needs at most 8-byte
/// alignment, which `malloc` gives.
struct ParserBuffer<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int
    /// Whether ``base`` is this buffer's own allocation (freed by ``deallocate()``, grown with `realloc`); a buffer
    /// made in a part of a larger allocation (``init(in:capacity:)``) moves to one of its own when it grows.
    private(set) var owned: Bool

    init(capacity: Int) {
        assert(_isPOD(Element.self), "a parser buffer holds plain values only: it frees without deinitializing")
        assert(MemoryLayout<Element>.alignment <= 16, "malloc aligns to 16 bytes")
        self.capacity = max(capacity, 8)
        guard let memory = malloc(self.capacity * MemoryLayout<Element>.stride) else {
            fatalError("out of memory for a parser buffer of \(self.capacity) elements")
        }
        base = memory.bindMemory(to: Element.self, capacity: self.capacity)
        owned = true
    }

    /// A buffer in `memory`, a part of a larger allocation that someone else frees, with room for `capacity`
    /// elements (at least 8).
    init(in memory: UnsafeMutableRawPointer, capacity: Int) {
        assert(_isPOD(Element.self), "a parser buffer holds plain values only: it frees without deinitializing")
        assert(capacity >= 8, "a parser buffer has room for at least 8 elements")
        assert(Int(bitPattern: memory) % MemoryLayout<Element>.alignment == 0, "misaligned parser buffer")
        self.capacity = capacity
        base = memory.bindMemory(to: Element.self, capacity: capacity)
        owned = false
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        // No overflow check: the count is below the capacity, an allocated size.
        count &+= 1
    }

    private mutating func grow() {
        (base, capacity) = ParserBuffer.enlarged(base, capacity, needed: capacity * 2, owned: &owned)
    }

    /// `base` with room for `needed` elements: the same memory, or memory doubled, with `realloc` when it is
    /// `owned`, otherwise a new allocation with the `capacity` elements copied into it (it is then `owned`).
    @inline(never)
    static func enlarged(
        _ base: UnsafeMutablePointer<Element>, _ capacity: Int, needed: Int, owned: inout Bool
    ) -> (UnsafeMutablePointer<Element>, Int) {
        if needed <= capacity { return (base, capacity) }
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let memory: UnsafeMutableRawPointer?
        if owned {
            memory = realloc(base, larger * MemoryLayout<Element>.stride)
        } else {
            memory = malloc(larger * MemoryLayout<Element>.stride)
            if let memory { memcpy(memory, base, capacity * MemoryLayout<Element>.stride) }
        }
        guard let memory else { fatalError("out of memory for a parser buffer of \(larger) elements") }
        owned = true
        return (memory.bindMemory(to: Element.self, capacity: larger), larger)
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "parser buffer index out of range")
            return base[index]
        }
        set {
            precondition(index >= 0 && index < count, "parser buffer index out of range")
            base[index] = newValue
        }
    }

    /// Appends `count` elements read from `source` (which must not point into this buffer), checking the
    /// capacity once.
    @inline(__always)
    mutating func append(_ source: UnsafePointer<Element>, count added: Int) {
        while count + added > capacity { grow() }
        let target = base + count
        var index = 0
        while index < added {
            (target + index).initialize(to: source[index])
            index += 1
        }
        count &+= added
    }

    /// Makes room for `added` elements at the end (one capacity check) and returns where they go: the caller
    /// must initialize all of them before the buffer is read again.
    @inline(__always)
    mutating func appendUninitialized(count added: Int) -> UnsafeMutablePointer<Element> {
        while count + added > capacity { grow() }
        let target = base + count
        count &+= added
        return target
    }

    /// Replaces the elements from `index` on (there must be at least one) with `element`, without a capacity
    /// check: it takes the slot of the first element replaced.
    @inline(__always)
    mutating func replaceTail(from index: Int, with element: Element) {
        assert(index >= 0 && index < count, "parser buffer index out of range")
        (base + index).initialize(to: element)
        count = index &+ 1
    }

    /// The number of elements the memory holds.
    var allocatedCapacity: Int { capacity }

    /// Takes `base` (``base`` itself, or memory from ``enlarged(_:_:needed:owned:)``, which is `owned`) with room
    /// for `capacity` elements, of which the first `count` are initialized: ``Parser/parseExpressionFlat()`` writes through the
    /// pointer and grows the memory itself, then hands it back.
    @inline(__always)
    mutating func replaceStorage(base: UnsafeMutablePointer<Element>, capacity: Int, count: Int, owned: Bool) {
        precondition(count >= 0 && count <= capacity, "parser buffer count out of range")
        self.base = base
        self.capacity = capacity
        self.count = count
        self.owned = owned
    }

    /// Drops the last element (plain values: nothing to deinitialize).
    @inline(__always)
    mutating func removeLast() {
        precondition(count > 0, "parser buffer is empty")
        count &-= 1
    }

    /// Whether there are no elements.
    var isEmpty: Bool { count == 0 }

    /// The last element, if any.
    @inline(__always)
    var last: Element? { count > 0 ? base[count - 1] : nil }

    /// Drops the elements from `index` on (all of them by default).
    @inline(__always)
    mutating func removeAll(from index: Int = 0) {
        precondition(index >= 0 && index <= count, "parser buffer index out of range")
        count = index
    }

    /// The elements as an array (one copy).
    var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The memory and count, for an owner that frees it with `free` if it is ``owned`` (this buffer must not be
    /// used afterwards).
    var adopted: SyntaxArray<Element> { SyntaxArray(base: base, count: count, owned: owned) }

    /// Frees the memory if it is the buffer's own; the buffer must not be used afterwards.
    func deallocate() { if owned { free(base) } }
}

/// The recursive-descent parser behind ``parse(_:)-(String)``. It works on the token array and builds the tree
/// bottom-up: children are pushed on a stack and `finish` wraps everything pushed since a marker into a node.
///
/// Recovery follows three rules:
/// - `expect` records a diagnostic and carries on without consuming;
/// - tokens that fit nowhere are wrapped in an `error` node up to the next comma, closing bracket or line end;
/// - after an error, further generic errors within the next few tokens are suppressed (as yacc does), so one typo
///   yields one diagnostic. Diagnostics about Python constructs are always reported.
public struct Parser {
    /// How deeply brackets and right-recursive operators may nest before the rest is skipped with `MOL1015`.
    public static let defaultNestingLimit = 256

    let tokens: [Token]
    /// ``tokens``' storage, read without bounds checks: `position` is at most the index of the end-of-file token,
    /// which `bump` never passes. Valid only during ``parse(_:nestingLimit:)``.
    let tokenBuffer: UnsafeBufferPointer<Token>
    let bytes: [UInt8]
    let nestingLimit: Int
    /// Whether the shortcuts for common shapes are on (`(literal)` and `()` argument lists made in one step, see
    /// ``finishSimpleCall(baseSlot:)``). Off, every construct goes through the general path: the tests compare the
    /// two on every fixture cut every few bytes, token soups and random bytes (the trees and diagnostics must be
    /// the same).
    let fastPaths: Bool
    var position = 0
    /// The memory the node, child, stack and bracket buffers start in (``init``): the token array's room past its
    /// tokens, which the tree keeps with the array, or, when that is too small (or absent), an allocation of its
    /// own (``blockOwned``), which the tree frees.
    let block: UnsafeMutableRawPointer
    let blockOwned: Bool
    var nodes: ParserBuffer<RawNode>
    var children: ParserBuffer<Int32>
    /// The pending children, innermost last: `finish` moves those pushed since its marker into a node.
    var stack: ParserBuffer<Int32>
    var diagnostics: [Diagnostic] = []
    var nesting = 0
    var lastErrorPosition = Int.min / 2
    /// The closing brackets expected, innermost last (a buffer: pushing and popping an array stored here cost a
    /// uniqueness check each).
    var openBrackets: ParserBuffer<TokenKind>
    var budget: Int
    var stalled = false
    var strayIndents = 0
    /// Set once a statement nests too deeply: everything else in it would be a consequence of the skipped part.
    var quietUntilStatementEnd = false
    /// The first token an expression may start at for ``parseExpressionFlat()`` to try it: past the token where
    /// its last attempt stopped, so that the general path's nested expressions are not tried again.
    var flatRetryFrom = 0

    /// The room ``init`` needs for its buffers: ``bufferBytesPerToken`` a token (two nodes, three children and one
    /// stack entry) and ``bufferBytesFixed``.
    static let bufferBytesPerToken = 2 * MemoryLayout<RawNode>.stride + 4 * MemoryLayout<Int32>.stride
    static let bufferBytesFixed = 8 * MemoryLayout<RawNode>.stride + 32 * MemoryLayout<Int32>.stride + 16

    /// A parser over `tokens`; its buffers go in `spare` (`spareBytes` of memory that outlives the tree, as the
    /// token array's room past its tokens does) when they fit there.
    init(
        tokens: [Token], tokenBuffer: UnsafeBufferPointer<Token>, bytes: [UInt8], nestingLimit: Int,
        fastPaths: Bool = true, spare: UnsafeMutableRawPointer? = nil, spareBytes: Int = 0
    ) {
        self.tokens = tokens
        self.fastPaths = fastPaths
        self.tokenBuffer = tokenBuffer
        self.bytes = bytes
        self.nestingLimit = nestingLimit
        self.budget = tokens.count * 8 + 64
        // A file has about as many nodes as tokens (a little more in call-heavy code) and each node about two
        // children; ``parseExpressionFlat()`` counts on at most two nodes, three children and one stack entry a
        // token: reserving this much avoids regrowing the buffers while parsing.
        // The four buffers are parts of one allocation (one `malloc` and one `free` instead of four), which the
        // tree keeps and frees; a buffer that outgrows its part moves to memory of its own.
        let nodeCapacity = tokens.count * 2 + 8
        let childCapacity = tokens.count * 3 + 16
        let stackCapacity = tokens.count + 16
        let nodeBytes = nodeCapacity * MemoryLayout<RawNode>.stride
        let childBytes = childCapacity * MemoryLayout<Int32>.stride
        let stackBytes = stackCapacity * MemoryLayout<Int32>.stride
        let blockBytes = nodeBytes + childBytes + stackBytes + 16
        let block: UnsafeMutableRawPointer
        if let spare, blockBytes <= spareBytes {
            block = spare
            blockOwned = false
        } else {
            guard let memory = malloc(blockBytes) else { fatalError("out of memory for the parser's buffers") }
            block = memory
            blockOwned = true
        }
        self.block = block
        nodes = ParserBuffer(in: block, capacity: nodeCapacity)
        children = ParserBuffer(in: block + nodeBytes, capacity: childCapacity)
        stack = ParserBuffer(in: block + nodeBytes + childBytes, capacity: stackCapacity)
        openBrackets = ParserBuffer(in: block + nodeBytes + childBytes + stackBytes, capacity: 16)
    }

    /// Frees the parser's stacks if they outgrew their parts of ``block`` (``parse(_:nestingLimit:)`` gives the
    /// block and the node and child buffers to the tree).
    func deallocateWorkingBuffers() {
        stack.deallocate()
        openBrackets.deallocate()
    }

    // MARK: Builder

    @inline(__always)
    var kind: TokenKind { tokenBuffer[position].kind }
    @inline(__always)
    var current: Token { tokenBuffer[position] }
    @inline(__always)
    func peek(_ offset: Int) -> TokenKind {
        position + offset < tokenBuffer.count ? tokenBuffer[position + offset].kind : .endOfFile
    }
    var previousEnd: Int { position > 0 ? tokens[position - 1].end : 0 }

    @inline(__always)
    mutating func bump() {
        let kind = self.kind
        guard kind != .endOfFile else { return }
        // The lexer reported this token; treat it as the parser's own error so that no second one follows.
        if kind == .unknown { lastErrorPosition = position }
        // Token indices fit in 32 bits: files are limited to 4 GiB (see ``Token``).
        push(~Int32(truncatingIfNeeded: position))
        position &+= 1
    }

    /// The number of pending children on ``stack``.
    @inline(__always)
    var stackTop: Int { stack.count }

    @inline(__always)
    func mark() -> Int { stack.count }

    @inline(__always)
    mutating func push(_ element: Int32) { stack.append(element) }

    @inline(__always)
    func fullStart(of child: Int32) -> Int { child >= 0 ? nodes[Int(child)].fullStart : tokens[Int(~child)].fullStart }
    @inline(__always)
    func start(of child: Int32) -> Int { child >= 0 ? nodes[Int(child)].start : tokens[Int(~child)].start }
    @inline(__always)
    func end(of child: Int32) -> Int { child >= 0 ? nodes[Int(child)].end : tokens[Int(~child)].end }

    /// Wraps the children pushed since `marker` into a node of `kind`, pushes the node and returns its index.
    ///
    /// Every element on the stack is a node already finished or a token already consumed (`bump` and `finish`
    /// push nothing else), so the children's ranges are read without bounds checks; the marker is checked once.
    @discardableResult
    @inline(__always)
    mutating func finish(_ kind: SyntaxKind, _ marker: Int) -> Int {
        let top = stack.count
        precondition(marker >= 0 && marker <= top, "parser stack marker out of range")
        let count = top - marker
        let childStart = children.count
        let index = nodes.count
        let fullStart: Int
        let start: Int
        let end: Int
        if count > 0 {
            // The pending children move to the child list in one step (one capacity check).
            let pending = stack.base + marker
            children.append(pending, count: count)
            let nodeBase = nodes.base
            let first = pending[0]
            let last = pending[count - 1]
            if first >= 0 {
                let node = nodeBase[Int(first)]
                fullStart = node.fullStart
                start = node.start
            } else {
                let token = tokenBuffer[Int(~first)]
                fullStart = token.fullStart
                start = token.start
            }
            end = last >= 0 ? nodeBase[Int(last)].end : tokenBuffer[Int(~last)].end
            // The node takes the place of its children on the stack (in the first one's slot: no capacity check).
            stack.replaceTail(from: marker, with: Int32(truncatingIfNeeded: index))
        } else {
            // A node without tokens (a missing expression) sits where the next token's text starts, after the
            // whitespace the user typed, so that a cursor there finds it.
            fullStart = tokenBuffer[position].start
            start = fullStart
            end = fullStart
            stack.append(Int32(truncatingIfNeeded: index))
        }
        nodes.append(
            RawNode(
                kind: kind, fullStart: fullStart, start: start, end: end,
                childStart: Int32(truncatingIfNeeded: childStart),
                childCount: Int32(truncatingIfNeeded: count)))
        return index
    }

    /// Consumes the current token (a name or a literal: not `unknown`, not the end of the file) as the only child
    /// of a new node of `kind` and pushes the node: what `bump()` and `finish(kind, marker)` make, with the child
    /// written straight to the child list (no trip through the stack, no range reads of children).
    @inline(__always)
    mutating func finishSingleToken(_ kind: SyntaxKind) {
        let tokenIndex = position
        let token = tokenBuffer[tokenIndex]
        position &+= 1
        let childStart = children.count
        children.append(~Int32(truncatingIfNeeded: tokenIndex))
        let index = nodes.count
        nodes.append(
            RawNode(
                kind: kind, fullStart: token.fullStart, start: token.start, end: token.end,
                childStart: Int32(truncatingIfNeeded: childStart), childCount: 1))
        stack.append(Int32(truncatingIfNeeded: index))
    }

    /// ``finishSingleToken(_:)``, then a node of `outer` around that node (a lone name or literal argument), in one
    /// step: what `finish(outer, marker)` would make of it.
    @inline(__always)
    mutating func finishSingleToken(_ kind: SyntaxKind, wrappedIn outer: SyntaxKind) {
        let tokenIndex = position
        let token = tokenBuffer[tokenIndex]
        position &+= 1
        let childStart = children.count
        let index = nodes.count
        let childSlots = children.appendUninitialized(count: 2)
        childSlots.initialize(to: ~Int32(truncatingIfNeeded: tokenIndex))
        (childSlots + 1).initialize(to: Int32(truncatingIfNeeded: index))
        let nodeSlots = nodes.appendUninitialized(count: 2)
        nodeSlots.initialize(
            to: RawNode(
                kind: kind, fullStart: token.fullStart, start: token.start, end: token.end,
                childStart: Int32(truncatingIfNeeded: childStart), childCount: 1))
        (nodeSlots + 1).initialize(
            to: RawNode(
                kind: outer, fullStart: token.fullStart, start: token.start, end: token.end,
                childStart: Int32(truncatingIfNeeded: childStart &+ 1), childCount: 1))
        stack.append(Int32(truncatingIfNeeded: index &+ 1))
    }

    /// `base.name` where the current token is the `.`, the next one a name, and the base the node in stack slot
    /// `baseSlot`, the top: what bumping both tokens and `finish(.memberAccess, baseSlot)` make, in one step.
    @inline(__always)
    mutating func finishMemberAccess(baseSlot: Int) {
        let base = stack[baseSlot]
        let inner = nodes[Int(base)]
        let dot = position
        let name = tokenBuffer[dot + 1]
        position &+= 2
        let childStart = children.count
        let childSlots = children.appendUninitialized(count: 3)
        childSlots.initialize(to: base)
        (childSlots + 1).initialize(to: ~Int32(truncatingIfNeeded: dot))
        (childSlots + 2).initialize(to: ~Int32(truncatingIfNeeded: dot &+ 1))
        let index = nodes.count
        nodes.append(
            RawNode(
                kind: .memberAccess, fullStart: inner.fullStart, start: inner.start, end: name.end,
                childStart: Int32(truncatingIfNeeded: childStart), childCount: 3))
        stack.replaceTail(from: baseSlot, with: Int32(truncatingIfNeeded: index))
    }

    /// The node most recently finished or pushed at stack depth `index`, if it is a node.
    func node(atStack index: Int) -> RawNode? {
        guard index >= 0 && index < stack.count && stack[index] >= 0 else { return nil }
        return nodes[Int(stack[index])]
    }

    func text(_ token: Token) -> String { String(decoding: bytes[token.start..<token.end], as: UTF8.self) }
    func text(_ range: ByteRange) -> String { String(decoding: bytes[range.start..<range.end], as: UTF8.self) }

    /// Consumes one unit of the loop budget; false (and one `MOL1099`) when the parser stopped making progress.
    @inline(__always)
    mutating func tick() -> Bool {
        // The budget stays at or below 0 once spent, so the common case is one decrement and one test.
        budget &-= 1
        if budget > 0 { return true }
        return stall()
    }

    @inline(never)
    mutating func stall() -> Bool {
        if stalled { return false }
        stalled = true
        diagnostics.append(
            Diagnostic(
                code: .parserStalled, range: current.range,
                message: "The parser stopped making progress here; the rest of the file is not analysed. "
                    + "This is a bug in Moltres: please report it with this file."))
        return false
    }

    mutating func report(
        _ code: DiagnosticCode, _ range: ByteRange, _ message: String, force: Bool = false,
        severity: DiagnosticSeverity = .error, related: [RelatedInformation] = [], fixes: [Fix] = []
    ) {
        if quietUntilStatementEnd && code != .nestingTooDeep { return }
        if !force && position < lastErrorPosition + 3 { return }
        lastErrorPosition = position
        diagnostics.append(
            Diagnostic(code: code, severity: severity, range: range, message: message, related: related, fixes: fixes))
    }

    /// Where to point a diagnostic about the current token: the token, or the end of the previous one when the
    /// current token is a line end or the end of the file.
    var currentDiagnosticRange: ByteRange {
        let token = current
        if token.kind == .newline || token.kind.isZeroWidth { return .empty(at: previousEnd) }
        return token.range
    }

    // MARK: Statements

    mutating func parseFile() {
        let marker = mark()
        while kind != .endOfFile && tick() {
            let before = position
            parseStatement()
            if position == before { recoverFromStall() }
        }
        if kind != .endOfFile {
            let errorMarker = mark()
            while kind != .endOfFile { bump() }
            finish(.error, errorMarker)
        }
        push(~Int32(position))
        finish(.sourceFile, marker)
    }

    mutating func recoverFromStall() {
        let marker = mark()
        if !stalled {
            report(
                .parserStalled, current.range,
                "The parser could not use \(current.kind.displayName) here. This is a bug in Moltres: please report it.",
                force: true)
        }
        bump()
        finish(.error, marker)
    }

    mutating func parseStatement() {
        quietUntilStatementEnd = false
        switch kind {
        case .newline, .semicolon:
            let marker = mark()
            if kind == .semicolon {
                report(.unexpectedToken, current.range, "Write one statement per line; `;` is not needed.")
            }
            bump()
            finish(.error, marker)
        case .indent:
            let marker = mark()
            let next = peek(1) == .endOfFile ? current.range : tokens[position + 1].range
            report(
                .indentation, next,
                "Unexpected indentation: only the body of a `with` block is indented. Remove the spaces or tabs at the start of the line.",
                force: true)
            bump()
            finish(.error, marker)
            strayIndents += 1
        case .dedent:
            let marker = mark()
            bump()
            finish(.error, marker)
            strayIndents = max(0, strayIndents - 1)
        case .importKeyword: parseImport()
        case .fromKeyword: parseFromImport()
        case .withKeyword: parseWith()
        case .at: parseDecorator()
        case .defKeyword, .classKeyword, .forKeyword, .whileKeyword, .ifKeyword, .elifKeyword, .elseKeyword,
            .tryKeyword, .exceptKeyword, .finallyKeyword, .returnKeyword, .passKeyword, .breakKeyword,
            .continueKeyword, .raiseKeyword, .globalKeyword, .nonlocalKeyword, .delKeyword, .assertKeyword,
            .asyncKeyword, .yieldKeyword, .awaitKeyword:
            parseUnsupportedStatement()
        default:
            parseSimpleStatement()
        }
    }

    mutating func parseSimpleStatement() {
        let marker = mark()
        if kind == .identifier && peek(1) == .equal {
            bump()
            bump()
            parseExpressionOrMissing()
            endStatement()
            finish(.bindingStatement, marker)
            return
        }
        if !canStartExpression(kind) {
            let found = current
            report(.unexpectedToken, currentDiagnosticRange, unexpectedMessage(found, context: "a statement"))
            while kind != .newline && kind != .endOfFile { bump() }
            if kind == .newline { bump() }
            finish(.errorStatement, marker)
            return
        }
        parseExpression()
        switch kind {
        case .equal:
            if let target = node(atStack: marker) {
                report(
                    .invalidBindingTarget, ByteRange(start: target.start, end: target.end),
                    "Only a plain name can be bound: values in a .moltres file are immutable, so `\(text(ByteRange(start: target.start, end: target.end))) = …` "
                        + "cannot change them. Bind a new name instead: `name = …`.",
                    force: true)
            }
            bump()
            parseExpressionOrMissing()
            endStatement()
            finish(.bindingStatement, marker)
        case .augmentedAssignment:
            let operatorToken = current
            let operatorText = text(operatorToken)
            var fixes: [Fix] = []
            if let target = node(atStack: marker), target.kind == .nameExpression {
                let name = text(ByteRange(start: target.start, end: target.end))
                let binary = String(operatorText.dropLast())
                fixes.append(
                    Fix(
                        title: "Rewrite as `\(name) = \(name) \(binary) …`",
                        edits: [TextEdit(range: operatorToken.range, newText: "= \(name) \(binary)")]))
            }
            report(
                .augmentedAssignment, operatorToken.range,
                "`\(operatorText)` is not supported: bindings are immutable. Write `name = name \(operatorText.dropLast()) value`; "
                    + "the new binding shadows the old one.",
                force: true, fixes: fixes)
            bump()
            parseExpressionOrMissing()
            endStatement()
            finish(.errorStatement, marker)
        default:
            endStatement()
            finish(.expressionStatement, marker)
        }
    }

    mutating func endStatement() {
        switch kind {
        case .newline:
            bump()
        case .endOfFile, .dedent:
            break
        case .semicolon:
            let marker = mark()
            report(.unexpectedToken, current.range, "Write one statement per line; `;` is not needed.")
            bump()
            finish(.error, marker)
        default:
            let marker = mark()
            if kind != .unknown {
                report(.unexpectedToken, current.range, unexpectedMessage(current, context: "the end of the statement"))
            }
            while kind != .newline && kind != .endOfFile { bump() }
            finish(.error, marker)
            if kind == .newline { bump() }
        }
    }

    mutating func parseWith() {
        let marker = mark()
        let withToken = current
        bump()
        parseExpressionOrMissing()
        if kind == .asKeyword {
            bump()
            if kind == .identifier {
                bump()
            } else {
                report(.expectedToken, currentDiagnosticRange, "Expected a name after `as`.")
            }
        }
        if kind == .comma {
            let errorMarker = mark()
            report(
                .unexpectedToken, current.range,
                "A `with` statement takes one context, such as `db.transaction()`; nest a second `with` block instead.")
            while kind != .colon && kind != .newline && kind != .endOfFile { bump() }
            finish(.error, errorMarker)
        }
        if kind == .colon {
            bump()
        } else {
            report(
                .expectedToken, .empty(at: previousEnd), "Expected `:` at the end of the `with` line.",
                related: [RelatedInformation(range: withToken.range, message: "the `with` statement")],
                fixes: [Fix(title: "Insert `:`", edits: [TextEdit(range: .empty(at: previousEnd), newText: ":")])])
            if kind != .newline && kind != .endOfFile {
                let errorMarker = mark()
                while kind != .newline && kind != .endOfFile { bump() }
                finish(.error, errorMarker)
            }
        }
        if kind == .newline {
            bump()
            if kind == .indent {
                parseBlock()
            } else {
                report(
                    .indentation, .empty(at: current.start),
                    "Expected an indented block after the `with` line: indent its statements by 4 spaces.")
            }
        } else if kind != .endOfFile && kind != .dedent {
            let blockMarker = mark()
            parseStatement()
            finish(.block, blockMarker)
        }
        finish(.withStatement, marker)
    }

    mutating func parseBlock() {
        let marker = mark()
        let savedStrayIndents = strayIndents
        strayIndents = 0
        bump()
        while kind != .endOfFile && tick() {
            if kind == .dedent {
                if strayIndents == 0 { break }
                let errorMarker = mark()
                bump()
                finish(.error, errorMarker)
                strayIndents -= 1
                continue
            }
            let before = position
            parseStatement()
            if position == before { recoverFromStall() }
        }
        if kind == .dedent { bump() }
        strayIndents = savedStrayIndents
        finish(.block, marker)
    }

    mutating func parseImport() {
        let marker = mark()
        bump()
        repeat {
            if kind == .comma { bump() }
            let nameMarker = mark()
            parseDottedName()
            parseImportAlias()
            finish(.importedName, nameMarker)
        } while kind == .comma && tick()
        endStatement()
        finish(.importStatement, marker)
    }

    mutating func parseFromImport() {
        let marker = mark()
        bump()
        parseDottedName()
        if kind == .importKeyword {
            bump()
            let parenthesized = kind == .leftParenthesis
            let opener = current
            if parenthesized { bump() }
            if kind == .star {
                bump()
            } else {
                repeat {
                    if kind == .comma { bump() }
                    if parenthesized && kind == .rightParenthesis { break }
                    let nameMarker = mark()
                    if kind == .identifier {
                        bump()
                    } else {
                        report(.expectedToken, currentDiagnosticRange, "Expected a name to import.")
                    }
                    parseImportAlias()
                    finish(.importedName, nameMarker)
                } while kind == .comma && tick()
            }
            if parenthesized { expectClosing(.rightParenthesis, opener: opener) }
        } else {
            report(.expectedToken, currentDiagnosticRange, "Expected `import` after the module name.")
        }
        endStatement()
        finish(.fromImportStatement, marker)
    }

    mutating func parseDottedName() {
        let marker = mark()
        while kind == .dot || kind == .ellipsis { bump() }
        if kind == .identifier {
            bump()
            while kind == .dot && tick() {
                bump()
                if kind == .identifier {
                    bump()
                } else {
                    report(.expectedToken, currentDiagnosticRange, "Expected a module name after `.`.")
                    break
                }
            }
        } else if stackTop == marker {
            report(.expectedToken, currentDiagnosticRange, "Expected a module name.")
        }
        finish(.dottedName, marker)
    }

    mutating func parseImportAlias() {
        guard kind == .asKeyword else { return }
        bump()
        if kind == .identifier {
            bump()
        } else {
            report(.expectedToken, currentDiagnosticRange, "Expected a name after `as`.")
        }
    }

    mutating func parseDecorator() {
        let marker = mark()
        let start = current.start
        while kind == .at && tick() {
            while kind != .newline && kind != .endOfFile { bump() }
            if kind == .newline { bump() }
        }
        report(
            .decorator, ByteRange(start: start, end: previousEnd),
            "Decorators are not supported: a .moltres file has no functions or classes. Write the pipeline directly.",
            force: true)
        if kind == .defKeyword || kind == .classKeyword || kind == .asyncKeyword {
            consumeUnsupportedClause()
        }
        finish(.unsupportedStatement, marker)
    }

    mutating func parseUnsupportedStatement() {
        let marker = mark()
        let keyword = current
        report(.unsupportedStatement, keyword.range, unsupportedStatementMessage(keyword.kind), force: true)
        consumeUnsupportedClause()
        let clauses: Set<TokenKind> =
            switch keyword.kind {
            case .ifKeyword, .elifKeyword: [.elifKeyword, .elseKeyword]
            case .forKeyword, .whileKeyword: [.elseKeyword]
            case .tryKeyword, .exceptKeyword: [.exceptKeyword, .elseKeyword, .finallyKeyword]
            default: []
            }
        while clauses.contains(kind) && tick() { consumeUnsupportedClause() }
        finish(.unsupportedStatement, marker)
    }

    /// Consumes a header line and, when it ends in `:`, its indented body.
    mutating func consumeUnsupportedClause() {
        var endsWithColon = false
        while kind != .newline && kind != .endOfFile {
            endsWithColon = kind == .colon
            bump()
        }
        if kind == .newline { bump() }
        if endsWithColon && kind == .indent {
            var depth = 0
            repeat {
                if kind == .indent { depth += 1 }
                if kind == .dedent { depth -= 1 }
                bump()
            } while depth > 0 && kind != .endOfFile
        }
    }

    func unsupportedStatementMessage(_ kind: TokenKind) -> String {
        let keyword = kind.fixedText ?? "?"
        switch kind {
        case .defKeyword, .classKeyword, .returnKeyword, .yieldKeyword, .globalKeyword, .nonlocalKeyword,
            .lambdaKeyword, .asyncKeyword, .awaitKeyword:
            return
                "`\(keyword)` is not supported: loops and functions are not part of .moltres files; write the pipeline directly."
        case .forKeyword, .whileKeyword, .breakKeyword, .continueKeyword:
            return
                "`\(keyword)` is not supported: loops and functions are not part of .moltres files; write each pipeline directly, "
                + "and let the query work on all rows at once."
        case .ifKeyword, .elifKeyword, .elseKeyword:
            return "`\(keyword)` statements are not supported: a .moltres file is a list of pipelines. "
                + "For a value that depends on a condition, use `F.when(condition, value).otherwise(other)`."
        case .tryKeyword, .exceptKeyword, .finallyKeyword, .raiseKeyword, .assertKeyword:
            return "`\(keyword)` is not supported: errors are reported by Moltres itself. "
                + "Statements inside `with db.transaction():` are rolled back together when one fails."
        case .passKeyword: return "`pass` is not needed in a .moltres file; remove it."
        case .delKeyword: return "`del` is not supported: bindings are immutable; bind a new name instead."
        default: return "`\(keyword)` is not supported in .moltres files; write the pipeline directly."
        }
    }

    func unexpectedMessage(_ token: Token, context: String) -> String {
        switch token.kind {
        case .rightParenthesis, .rightBracket, .rightBrace:
            return "Unmatched '\(text(token))': there is no opening bracket for it."
        case .newline, .endOfFile, .dedent, .indent:
            return "Unexpected \(token.kind.displayName) in \(context)."
        default:
            let shown = token.kind.fixedText.map { "'\($0)'" } ?? "'\(text(token))'"
            return "Unexpected \(shown); expected \(context)."
        }
    }
}
