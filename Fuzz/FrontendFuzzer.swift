// libFuzzer entry point for the front end: every input is compiled (parse + bind + SQL check) against a small
// catalog, and completion/hover are asked at a position derived from the input; the lexer's common-token loop must
// make exactly the tokens of its general path, and the parser's fast paths exactly the nodes and diagnostics of its
// general path (a difference stops the run). Build and run with
// `scripts/fuzz-frontend.sh` (it compiles the Engine sources together with this file, `-sanitize=fuzzer,address`).

private let fuzzCatalog = DiagnosticCatalog.exampleCatalog

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontend(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let source = SourceText(bytes: bytes)
    let fast = Lexer.tokenize(source, commonTokenLoop: true)
    let general = Lexer.tokenize(source, commonTokenLoop: false)
    precondition(
        fast.tokens == general.tokens && fast.diagnostics == general.diagnostics,
        "the common-token loop differs from the general path")
    let fastParse = parse(source, nestingLimit: Parser.defaultNestingLimit, fastPaths: true)
    let generalParse = parse(source, nestingLimit: Parser.defaultNestingLimit, fastPaths: false)
    precondition(
        fastParse.diagnostics == generalParse.diagnostics
            && fastParse.tree.dump(includeTrivia: true) == generalParse.tree.dump(includeTrivia: true),
        "the parser's fast paths differ from the general path")
    let compilation = compile(source, catalog: fuzzCatalog)
    let offset = size == 0 ? 0 : Int(bytes[0]) * size / 256
    _ = compilation.completionContext(at: offset)
    _ = compilation.symbol(at: offset)
    _ = compilation.bindings(visibleAt: offset)
    _ = compilation.statement(containing: offset)
    return 0
}
