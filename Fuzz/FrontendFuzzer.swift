// libFuzzer entry point for the front end: every input is compiled (parse + bind + SQL check) against a small
// catalog, and completion/hover are asked at a position derived from the input. Build and run with
// `scripts/fuzz-frontend.sh` (it compiles the Engine sources together with this file, `-sanitize=fuzzer,address`).

private let fuzzCatalog = DiagnosticCatalog.exampleCatalog

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontend(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let compilation = compile(SourceText(bytes: bytes), catalog: fuzzCatalog)
    let offset = size == 0 ? 0 : Int(bytes[0]) * size / 256
    _ = compilation.completionContext(at: offset)
    _ = compilation.symbol(at: offset)
    _ = compilation.bindings(visibleAt: offset)
    _ = compilation.statement(containing: offset)
    return 0
}
